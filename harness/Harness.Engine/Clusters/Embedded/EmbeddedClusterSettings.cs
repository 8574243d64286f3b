using Harness.Broker.Storage;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Clusters.Embedded;

/// <summary>
/// An embedded cluster: <paramref name="Brokers"/> in-process brokers on loopback, every fault available, keeping batches
/// as <paramref name="Storage"/> says (null: the broker's default, memory unless HARNESS_BROKER_STORAGE says disk).
/// </summary>
public sealed record EmbeddedClusterSettings(int Brokers, StorageKind? Storage = null) : IClusterSettings
{
    /// <summary>The number of brokers when the scenario does not say.</summary>
    public const int DefaultBrokers = 3;

    /// <summary>With disk storage, the folder under which the cluster keeps its log (a subfolder named after its role); the system's temporary folder when null.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>With disk storage, keep the log files when the cluster stops.</summary>
    public bool KeepData { get; init; }

    /// <inheritdoc/>
    public IClusterSettings ForRun(string dataDirectory, bool keepData) => this with { DataDirectory = dataDirectory, KeepData = keepData };

    /// <inheritdoc/>
    public ClusterCapabilities Capabilities => new() { Description = "is embedded", StartedByHarness = true, BrokerFaults = true, Compaction = true, Brokers = Brokers };
}
