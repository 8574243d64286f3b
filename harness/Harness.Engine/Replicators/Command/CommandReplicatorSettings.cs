using Harness.Engine.Scenarios;

namespace Harness.Engine.Replicators.Command;

/// <summary>Any replicator started by the shell command <paramref name="Run"/>; the harness knows only its process.</summary>
public sealed record CommandReplicatorSettings(string Run) : IReplicatorSettings
{
    /// <inheritdoc/>
    public ReplicatorCapabilities Capabilities { get; } = new() { ProcessFaults = true };
}
