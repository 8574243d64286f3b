namespace Harness.Replicator.Configuration;

/// <summary>A configuration the replicator cannot run with; the message names the key and the fix.</summary>
public sealed class ReplicatorConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplicatorConfigException(string message)
        : base(message)
    {
    }
}
