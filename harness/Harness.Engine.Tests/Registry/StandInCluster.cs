using Harness.Broker.Cluster;
using Harness.Engine.Clusters;

namespace Harness.Engine.Tests.Registry;

/// <summary>A cluster the engine has never heard of: one broker of Harness.Broker started directly, without the engine's embedded backend.</summary>
internal sealed class StandInCluster(string role, EmbeddedCluster cluster) : IKafkaCluster
{
    public string Role { get; } = role;

    public string Backend => "stand-in";

    public string BootstrapServers => cluster.BootstrapServers;

    public int? BrokersUp => null;

    public IClusterFaults? Faults => null;

    public ValueTask DisposeAsync() => cluster.DisposeAsync();
}
