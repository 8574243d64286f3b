namespace Harness.Reports.Sizing;

/// <summary>What one load level measured, and whether it held the SLO.</summary>
public sealed record LoadLevelResult
{
    /// <summary>The multiplier of the profile's mean rate.</summary>
    public required double Multiplier { get; init; }

    /// <summary>The rate asked of the load generator, records/s across all topics.</summary>
    public required double OfferedRecordsPerSecond { get; init; }

    /// <summary>Records/s the source acknowledged during the level's steady part.</summary>
    public double ProduceRecordsPerSecond { get; init; }

    /// <summary>Records/s that arrived on the target during the level's steady part.</summary>
    public double ReplicateRecordsPerSecond { get; init; }

    /// <summary>The replicate rate in MB/s (10^6 bytes), from the profile's mean record size.</summary>
    public double ReplicateMegabytesPerSecond { get; init; }

    /// <summary>Replication latency median during the plateau (the median of its per-second medians), in milliseconds; null when none was measured.</summary>
    public double? LatencyP50Ms { get; init; }

    /// <summary>Replication latency 99th percentile during the plateau (the highest of its per-second p99s), in milliseconds.</summary>
    public double? LatencyP99Ms { get; init; }

    /// <summary>How fast lag grew during the steady part (least squares), in records/s; about 0 when the replicator keeps up.</summary>
    public double LagSlopeRecordsPerSecond { get; init; }

    /// <summary>Lag at the end of the load, in records.</summary>
    public long LagAtEndRecords { get; init; }

    /// <summary>The replicator's peak resident set size, in MiB; null when it reports none.</summary>
    public double? ReplicatorRssMiB { get; init; }

    /// <summary>The replicator's peak managed heap (the built-in replicator's GC heap), in MiB; null when it reports none.</summary>
    public double? ReplicatorHeapMiB { get; init; }

    /// <summary>The replicator's CPU use over the plateau, in cores (1.0 = one core busy), read from /proc; null when it cannot be read.</summary>
    public double? ReplicatorCpuCores { get; init; }

    /// <summary>The replicator's largest checkpoint latency, in milliseconds; null when no checkpoint was measured.</summary>
    public double? CheckpointLatencyMs { get; init; }

    /// <summary>Whether the level held the SLO with bounded lag.</summary>
    public required bool Passed { get; init; }

    /// <summary>
    /// Whether the level failed because the load generator could not offer the load: it says nothing about the
    /// replicator, so a knee below only such failures is a lower bound.
    /// </summary>
    public bool LoadGeneratorLimited { get; init; }

    /// <summary>Why the level failed; null when it passed.</summary>
    public string? Reason { get; init; }

    /// <summary>The run folder of the level (report.html, results.json).</summary>
    public string? RunDirectory { get; init; }
}
