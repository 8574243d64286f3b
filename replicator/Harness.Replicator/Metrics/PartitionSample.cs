namespace Harness.Replicator.Metrics;

/// <summary>One source partition in a <see cref="MetricsSnapshot"/>.</summary>
public sealed record PartitionSample
{
    /// <summary>Source topic.</summary>
    public required string Topic { get; init; }

    /// <summary>Partition number (the same in the target).</summary>
    public required int Partition { get; init; }

    /// <summary>MM2 record-count since start.</summary>
    public required long RecordCount { get; init; }

    /// <summary>MM2 byte-count since start (value bytes).</summary>
    public required long ByteCount { get; init; }

    /// <summary>MM2 record-rate over the last window, records per second.</summary>
    public required double RecordRate { get; init; }

    /// <summary>MM2 byte-rate over the last window, bytes per second.</summary>
    public required double ByteRate { get; init; }

    /// <summary>MM2 replication-latency-ms over the last window.</summary>
    public required LatencyWindow ReplicationLatency { get; init; }

    /// <summary>MM2 record-age-ms over the last window.</summary>
    public required LatencyWindow RecordAge { get; init; }

    /// <summary>Source records not yet acknowledged by the target (from the consumer's last fetch), or null.</summary>
    public long? Lag { get; init; }
}
