namespace Harness.Engine.Clusters.External;

/// <summary>A cluster someone else runs, known only by its bootstrap servers; it supports no faults.</summary>
public sealed class ExternalKafkaCluster(string role, string bootstrapServers) : IKafkaCluster
{
    public string Role { get; } = role;

    public string Backend => "external";

    public string BootstrapServers { get; } = bootstrapServers;

    public int? BrokersUp => null;

    public IClusterFaults? Faults => null;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
