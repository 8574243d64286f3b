using Harness.Engine.Clusters;

namespace Harness.Engine.Tests.Chaos;

/// <summary>A cluster nothing in these tests talks to: the faults under test act on neither side.</summary>
internal sealed class IdleCluster(string role) : IKafkaCluster
{
    public string Role { get; } = role;

    public string Backend => "idle";

    public string BootstrapServers => "127.0.0.1:9";

    public int? BrokersUp => null;

    public IClusterFaults? Faults => null;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
