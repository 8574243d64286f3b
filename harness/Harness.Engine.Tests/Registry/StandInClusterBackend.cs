using Harness.Broker.Cluster;
using Harness.Engine.Clusters;
using Harness.Engine.Scenarios;
using Harness.Engine.Scenarios.Parsing;
using Harness.Engine.Security;

namespace Harness.Engine.Tests.Registry;

/// <summary><c>kind: stand-in</c>, registered from this test project: reads its own <c>name</c> key and starts a one-broker cluster.</summary>
internal sealed class StandInClusterBackend : IClusterBackend
{
    public List<string> Started { get; } = [];

    public string Kind => "stand-in";

    public IReadOnlyList<string> Keys { get; } = ["name"];

    public IClusterSettings? Default => null;

    public IClusterSettings? Read(MappingReader section) =>
        section.Text("name", required: true, "a cluster name") is { } name ? new StandInClusterSettings(name) : null;

    public Task<IKafkaCluster> StartAsync(string role, IClusterSettings settings, SecuritySpec security, string? folder, CancellationToken cancellation)
    {
        var name = ((StandInClusterSettings)settings).Name;
        lock (Started)
        {
            Started.Add($"{role}:{name}");
        }

        return Task.FromResult<IKafkaCluster>(new StandInCluster(role, EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = name, Brokers = 1, DefaultReplicationFactor = 1 })));
    }
}
