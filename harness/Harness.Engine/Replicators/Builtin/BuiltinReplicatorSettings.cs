using Harness.Engine.Scenarios;

namespace Harness.Engine.Replicators.Builtin;

/// <summary>The built-in replicator reads only the common keys: every capability is there.</summary>
public sealed record BuiltinReplicatorSettings : IReplicatorSettings
{
    /// <inheritdoc/>
    public ReplicatorCapabilities Capabilities { get; } = new()
    {
        ProcessFaults = true,
        HeapLimit = true,
        HeapBallast = true,
        Metrics = true,
        CreatesTargetTopics = true,
        MirrorsTopicConfigs = true,
        EmitsHeartbeats = true,
    };
}
