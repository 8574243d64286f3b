using Harness.Engine.Scenarios;

namespace Harness.Engine.Clusters.Containers;

/// <summary>
/// A cluster in Docker: <see cref="HarnessBrokerImage"/> (the harness's own broker, every fault available) or a Kafka
/// image such as <c>apache/kafka:3.9.1</c> (one broker, no broker faults).
/// </summary>
public sealed record ContainersClusterSettings(string Image, int Brokers) : IClusterSettings
{
    /// <summary>The image name that runs the harness's own broker; any other image is a Kafka image.</summary>
    public const string HarnessBrokerImage = "harness";

    /// <inheritdoc/>
    public ClusterCapabilities Capabilities => Image == HarnessBrokerImage
        ? new() { Description = "runs the harness broker in containers", StartedByHarness = true, BrokerFaults = true, Brokers = Brokers, Containers = true }
        : new() { Description = $"runs image {Image}", StartedByHarness = true, Brokers = Brokers, Containers = true };
}
