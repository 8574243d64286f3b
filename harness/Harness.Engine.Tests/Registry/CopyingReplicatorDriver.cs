using Harness.Engine.Replicators;
using Harness.Engine.Scenarios;
using Harness.Engine.Scenarios.Parsing;

namespace Harness.Engine.Tests.Registry;

/// <summary><c>kind: copier</c>, registered from this test project: an in-process consumer-to-producer copy, reading its own <c>dropEvery</c> key.</summary>
internal sealed class CopyingReplicatorDriver : IReplicatorDriver
{
    public string Kind => "copier";

    public IReadOnlyList<string> Keys { get; } = ["dropEvery"];

    public IReplicatorSettings? Read(MappingReader section)
    {
        var drop = section.Integer("dropEvery", 2, 1_000_000);
        return section.Find("dropEvery") is not null && drop is null ? null : new CopyingReplicatorSettings((int)(drop ?? 0));
    }

    public IReplicator Create(ReplicatorLaunch launch) => new CopyingReplicator(launch, (CopyingReplicatorSettings)launch.Scenario.Replicator.Settings);
}
