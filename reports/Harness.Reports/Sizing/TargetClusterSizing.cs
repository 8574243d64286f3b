namespace Harness.Reports.Sizing;

/// <summary>The target cluster the profile needs, and how many brokers of each instance type provide it.</summary>
public sealed record TargetClusterSizing
{
    /// <summary>Peak ingress: replication writes, MB/s (10^6 bytes).</summary>
    public double IngressMegabytesPerSecond { get; init; }

    /// <summary>Peak egress to consumers after the cut-over: ingress times each topic's consumer groups, MB/s.</summary>
    public double EgressMegabytesPerSecond { get; init; }

    /// <summary>Traffic between brokers for follower replicas: ingress × (RF − 1), MB/s.</summary>
    public double ReplicationMegabytesPerSecond { get; init; }

    /// <summary>The replication factor of the target's topics.</summary>
    public int ReplicationFactor { get; init; }

    /// <summary>Partitions of the replicated topics.</summary>
    public int Partitions { get; init; }

    /// <summary>Partition replicas: partitions × replication factor.</summary>
    public int PartitionReplicas { get; init; }

    /// <summary>Retained data at steady state, GB (10^9 bytes): mean ingress × retention, per topic.</summary>
    public double RetainedGigabytes { get; init; }

    /// <summary>Existing data copied before the cut-over, GB, one copy.</summary>
    public double BackfillGigabytes { get; init; }

    /// <summary>Storage for the whole cluster, GB: (retained + backfill) × RF × (1 + overhead).</summary>
    public double StorageGigabytes { get; init; }

    /// <summary>Storage the cut-over needs, GB: (backfill + mean ingress × cut-over window) × RF × (1 + overhead).</summary>
    public double CutoverStorageGigabytes { get; init; }

    /// <summary>Broker counts per instance type of the table.</summary>
    public IReadOnlyList<BrokerOption> Options { get; init; } = [];

    /// <summary>The recommended option's instance type; null when no type fits.</summary>
    public string? Recommended { get; init; }
}
