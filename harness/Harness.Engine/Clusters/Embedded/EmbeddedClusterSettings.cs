using Harness.Engine.Scenarios;

namespace Harness.Engine.Clusters.Embedded;

/// <summary>An embedded cluster: <paramref name="Brokers"/> in-process brokers on loopback, every fault available.</summary>
public sealed record EmbeddedClusterSettings(int Brokers) : IClusterSettings
{
    /// <summary>The number of brokers when the scenario does not say.</summary>
    public const int DefaultBrokers = 3;

    /// <inheritdoc/>
    public ClusterCapabilities Capabilities => new() { Description = "is embedded", StartedByHarness = true, BrokerFaults = true, Compaction = true, Brokers = Brokers };
}
