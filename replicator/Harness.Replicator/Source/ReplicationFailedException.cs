namespace Harness.Replicator.Source;

/// <summary>Replication stopped on an error it cannot recover from (a record could not be written).</summary>
public sealed class ReplicationFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplicationFailedException(string message)
        : base(message)
    {
    }
}
