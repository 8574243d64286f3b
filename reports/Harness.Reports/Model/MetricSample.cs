namespace Harness.Reports.Model;

/// <summary>
/// One sample of the run's time series. Values that a replicator or backend cannot report (for example the
/// memory of an external MM2) are null rather than zero, so charts show a gap instead of a false reading.
/// </summary>
public sealed record MetricSample
{
    /// <summary>When the sample was taken, in seconds since the run started.</summary>
    public required double OffsetSeconds { get; init; }

    /// <summary>Records per second acknowledged by the source cluster.</summary>
    public double ProduceRate { get; init; }

    /// <summary>Records per second arriving in the target cluster.</summary>
    public double ReplicateRate { get; init; }

    /// <summary>Records produced but not yet replicated.</summary>
    public long LagRecords { get; init; }

    /// <summary>Age of the oldest unreplicated record, in milliseconds.</summary>
    public double? LagMs { get; init; }

    /// <summary>Median replication latency over the sample interval, in milliseconds.</summary>
    public double? LatencyP50Ms { get; init; }

    /// <summary>99th percentile replication latency over the sample interval, in milliseconds.</summary>
    public double? LatencyP99Ms { get; init; }

    /// <summary>The replicator process's resident set size, in MiB.</summary>
    public double? ReplicatorRssMiB { get; init; }

    /// <summary>The replicator's managed (GC) heap size, in MiB.</summary>
    public double? GcHeapMiB { get; init; }

    /// <summary>
    /// The replicator's own largest <c>replication-latency-ms-max</c> over its partitions, in milliseconds, from its metrics
    /// (schema 1.2); null when it reports none.
    /// </summary>
    public double? ReplicatorLatencyMaxMs { get; init; }

    /// <summary>The replicator's own largest <c>checkpoint-latency-ms-max</c>, in milliseconds (schema 1.2); null when it reports none.</summary>
    public double? CheckpointLatencyMaxMs { get; init; }

    /// <summary>The harness process's resident set size, in MiB (embedded clusters run in it, so theirs is included).</summary>
    public double? HarnessRssMiB { get; init; }

    /// <summary>The harness process's managed (GC) heap, in MiB.</summary>
    public double? HarnessGcHeapMiB { get; init; }

    /// <summary>Record batches the source cluster holds in managed memory, in MiB (embedded clusters; null for others).</summary>
    public double? SourceMemoryMiB { get; init; }

    /// <summary>Record batches the target cluster holds in managed memory, in MiB (embedded clusters; null for others).</summary>
    public double? TargetMemoryMiB { get; init; }

    /// <summary>
    /// The replicator's processes' resident set size as the harness reads it from /proc (its process group), in MiB; null
    /// when the harness did not start it. <see cref="ReplicatorRssMiB"/> is what the replicator reports itself.
    /// </summary>
    public double? ReplicatorProcessRssMiB { get; init; }

    /// <summary>How many source brokers were up.</summary>
    public int SourceBrokersUp { get; init; }

    /// <summary>How many target brokers were up.</summary>
    public int TargetBrokersUp { get; init; }
}
