namespace Harness.Engine.Replicators;

/// <summary>Memory the harness makes the replicator hold, to rehearse heap exhaustion.</summary>
public interface IHeapBallast
{
    /// <summary>Makes the running replicator hold <paramref name="mib"/> MiB; 0 frees it. A replicator that does not answer is left as it is.</summary>
    Task SetAsync(int mib, CancellationToken cancellation);
}
