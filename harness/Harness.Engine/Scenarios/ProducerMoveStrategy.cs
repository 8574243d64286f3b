namespace Harness.Engine.Scenarios;

/// <summary>How producers move to the target (<c>moveProducers.strategy</c>).</summary>
public enum ProducerMoveStrategy
{
    /// <summary>Pause, wait for replication lag 0, stop the replicator's flow, resume on the target.</summary>
    Drain,

    /// <summary>Switch at once while the replicator still ships the tail.</summary>
    Hot,
}
