namespace Harness.Replicator.Metrics;

/// <summary>Every metric at one moment; rates and latency windows cover the time since the previous snapshot.</summary>
public sealed record MetricsSnapshot
{
    /// <summary>When the snapshot was taken.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Seconds since the previous snapshot (the window of rates and latencies).</summary>
    public required double WindowSeconds { get; init; }

    /// <summary>Records replicated since start, all partitions.</summary>
    public required long RecordCount { get; init; }

    /// <summary>Records per second over the window, all partitions.</summary>
    public required double RecordRate { get; init; }

    /// <summary>Value bytes per second over the window, all partitions.</summary>
    public required double ByteRate { get; init; }

    /// <summary>Records behind the source over all partitions, or null before the first fetch.</summary>
    public long? Lag { get; init; }

    /// <summary>Checkpoints written since start.</summary>
    public required long CheckpointCount { get; init; }

    /// <summary>Offset syncs written since start.</summary>
    public required long OffsetSyncCount { get; init; }

    /// <summary>Heartbeats written since start.</summary>
    public required long HeartbeatCount { get; init; }

    /// <summary>Resident set size of the process.</summary>
    public required long RssBytes { get; init; }

    /// <summary>Managed heap in use.</summary>
    public required long GcHeapBytes { get; init; }

    /// <summary>The GC's limit for the heap (the container or GCHeapHardLimit limit when set).</summary>
    public required long GcHeapLimitBytes { get; init; }

    /// <summary>Garbage collections of any generation since start.</summary>
    public required long GcCount { get; init; }

    /// <summary>Per source partition.</summary>
    public required IReadOnlyList<PartitionSample> Partitions { get; init; }

    /// <summary>Per checkpointed group-topic-partition.</summary>
    public required IReadOnlyList<CheckpointSample> Checkpoints { get; init; }
}
