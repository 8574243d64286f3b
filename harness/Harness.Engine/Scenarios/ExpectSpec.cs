namespace Harness.Engine.Scenarios;

/// <summary>What the verifier accepts (<c>expect</c>). Everything defaults to the strictest sensible value.</summary>
public sealed record ExpectSpec
{
    /// <summary>The drain deadline when the scenario does not give one.</summary>
    public static readonly TimeSpan DefaultDrainWithin = TimeSpan.FromSeconds(60);

    /// <summary>No anomalies of any kind, redelivery up to 100, drain within 60 s.</summary>
    public static ExpectSpec Default { get; } = new();

    /// <summary>Acknowledged records missing on the target; none by default.</summary>
    public Tolerance Lost { get; init; } = Tolerance.Zero;

    /// <summary>Records out of per-partition order on the target; none by default.</summary>
    public Tolerance Reordered { get; init; } = Tolerance.Zero;

    /// <summary>Records present more than once on the target; none by default.</summary>
    public Tolerance Duplicates { get; init; } = Tolerance.Zero;

    /// <summary>Records whose key, value, headers or timestamp differ on the target; none by default.</summary>
    public Tolerance Corrupted { get; init; } = Tolerance.Zero;

    /// <summary>
    /// Records of aborted transactions found on the target (<c>abortedCopied</c>), out of the aborted records; none by
    /// default. A replicator that reads read_uncommitted (MirrorMaker 2 before exactly-once support) copies them all.
    /// </summary>
    public Tolerance AbortedCopied { get; init; } = Tolerance.Zero;

    /// <summary>
    /// Keys of compacted topics whose latest record is missing from the target or not its latest there
    /// (<c>staleKeys</c>), out of the keys checked; none by default.
    /// </summary>
    public Tolerance StaleKeys { get; init; } = Tolerance.Zero;

    /// <summary>Bounds on translated consumer group offsets.</summary>
    public OffsetTranslationExpectation OffsetTranslation { get; init; } = OffsetTranslationExpectation.Default;

    /// <summary>How long replication may take to catch up after the load; 60 s by default.</summary>
    public TimeSpan DrainWithin { get; init; } = DefaultDrainWithin;

    /// <summary>Bounds on end-to-end replication latency, overall, per topic and per volume class; none by default.</summary>
    public LatencyExpectation Latency { get; init; } = LatencyExpectation.None;

    /// <summary>Bounds on the time from a group's commit on the source to a checkpoint covering it on the target; none by default.</summary>
    public LatencyBounds CheckpointLatency { get; init; } = LatencyBounds.None;

    /// <summary>What the replicator's health may show (crashes, metric gaps); nothing by default.</summary>
    public ReplicatorHealthExpectation Replicator { get; init; } = ReplicatorHealthExpectation.Default;

    /// <summary>How flat the harness's memory must stay (<c>memory</c>); no check by default.</summary>
    public MemoryExpectation Memory { get; init; } = MemoryExpectation.None;

    /// <summary>Bounds on recovery after each fault; none by default.</summary>
    public RecoveryExpectation Recovery { get; init; } = RecoveryExpectation.None;
}
