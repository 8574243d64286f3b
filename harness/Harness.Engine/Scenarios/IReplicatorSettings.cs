namespace Harness.Engine.Scenarios;

/// <summary>A replicator driver's own settings, read from the keys of <c>replicator</c> that belong to its kind.</summary>
public interface IReplicatorSettings
{
    /// <summary>What a replicator started from these settings can do.</summary>
    ReplicatorCapabilities Capabilities { get; }
}
