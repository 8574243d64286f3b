namespace Harness.Reports.Sizing;

/// <summary>The brokers one instance type needs for the profile, and which limit decided it.</summary>
public sealed record BrokerOption
{
    /// <summary>The instance type, as the table names it.</summary>
    public required string Instance { get; init; }

    /// <summary>Brokers needed (at least the replication factor, a multiple of the zone count).</summary>
    public int Brokers { get; init; }

    /// <summary>The limit that set the count: partitions, storage throughput, storage or the replication factor.</summary>
    public required string LimitedBy { get; init; }

    /// <summary>Partition replicas per broker at that count.</summary>
    public double PartitionsPerBroker { get; init; }

    /// <summary>Storage per broker at that count, GB.</summary>
    public double StoragePerBrokerGigabytes { get; init; }

    /// <summary>Storage writes per broker (ingress × RF / brokers), MiB/s, against the instance's storage throughput.</summary>
    public double StorageWriteMiBPerSecond { get; init; }
}
