using Harness.Broker.Cluster;
using Harness.Broker.Faults;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Engine.Clusters.Embedded;

/// <summary>A cluster of the embedded Kafka-protocol broker in this process: the default backend.</summary>
public sealed class EmbeddedKafkaCluster : IKafkaCluster, IClusterFaults, ICompactingCluster, IClusterMemory
{
    private EmbeddedKafkaCluster(string role, EmbeddedCluster cluster)
    {
        Role = role;
        Cluster = cluster;
    }

    /// <summary>The broker cluster itself.</summary>
    public EmbeddedCluster Cluster { get; }

    public string Role { get; }

    public string Backend => "embedded";

    public string BootstrapServers => Cluster.BootstrapServers;

    public int? BrokersUp => Cluster.Brokers.Count(b => b.Status != BrokerStatus.Down);

    public IClusterFaults Faults => this;

    public IReadOnlyList<int> BrokerIds => Cluster.Brokers.Select(b => b.Id).ToList();

    /// <summary>Starts an embedded cluster with <paramref name="brokers"/> brokers.</summary>
    public static EmbeddedKafkaCluster Start(string role, int brokers) => Start(role, new EmbeddedClusterSettings(brokers));

    /// <summary>Starts an embedded cluster as the scenario's settings say, listening as <paramref name="security"/> says (PLAINTEXT when null).</summary>
    public static EmbeddedKafkaCluster Start(string role, EmbeddedClusterSettings settings, BrokerSecurity? security = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new EmbeddedClusterOptions { Name = role, Brokers = settings.Brokers, Security = security, DataDirectory = settings.DataDirectory, KeepData = settings.KeepData };
        return new(role, EmbeddedCluster.Start(settings.Storage is { } storage ? options with { Storage = storage } : options));
    }

    /// <summary>The CA the brokers' certificates are signed with, when they listen with TLS.</summary>
    public string? CaFile => Cluster.CaFile;

    public bool InProcess => true;

    public long StoredBytes => Cluster.StoredBytes;

    public long MemoryBytes => Cluster.MemoryBytes;

    public int LeaderOf(string topic, int partition) => Cluster.LeaderOf(topic, partition);

    public void KillBroker(int brokerId) => Cluster.KillBroker(brokerId);

    public void RestartBroker(int brokerId) => Cluster.RestartBroker(brokerId);

    public void HangBroker(int brokerId) => Cluster.HangBroker(brokerId);

    public void ResumeBroker(int brokerId) => Cluster.ResumeBroker(brokerId);

    public void SetLatency(int brokerId, TimeSpan latency) => Cluster.SetLatency(brokerId, latency);

    public int MoveLeader(string topic, int partition) => Cluster.MoveLeader(topic, partition);

    public long Compact(string topic) => Cluster.Compact(topic).RecordsRemoved;

    public void InjectErrors(string api, short code, int count, int? brokerId) =>
        Cluster.InjectErrors(Enum.Parse<ApiKey>(api, ignoreCase: true), (ErrorCode)code, count, brokerId);

    /// <summary>Whether <paramref name="api"/> names a Kafka API the embedded broker knows.</summary>
    public static bool IsApiName(string api) => Enum.TryParse<ApiKey>(api, ignoreCase: true, out _);

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
