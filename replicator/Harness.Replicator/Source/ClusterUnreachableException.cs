namespace Harness.Replicator.Source;

/// <summary>A cluster did not answer at start; the host exits with code 3 (environment), not 2 (configuration).</summary>
public sealed class ClusterUnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterUnreachableException(string message)
        : base(message)
    {
    }
}
