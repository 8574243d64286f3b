using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Registry;

/// <summary>The stand-in replicator's settings: <paramref name="DropEvery"/> &gt; 0 drops every Nth record, a defect the run must catch.</summary>
internal sealed record CopyingReplicatorSettings(int DropEvery) : IReplicatorSettings
{
    // It neither creates target topics, mirrors configs nor emits heartbeats, and runs in this process: no signals.
    public ReplicatorCapabilities Capabilities => new();
}
