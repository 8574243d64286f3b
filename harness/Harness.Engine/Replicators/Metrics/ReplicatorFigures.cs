namespace Harness.Engine.Replicators.Metrics;

/// <summary>
/// The replicator's newest figures; each is <see langword="null"/> when its source does not give it, so charts show a
/// gap instead of a false zero.
/// </summary>
public sealed record ReplicatorFigures
{
    /// <summary>The process's resident set size, in MiB.</summary>
    public double? RssMiB { get; init; }

    /// <summary>The heap in use (the .NET GC heap, or the JVM's heap area), in MiB.</summary>
    public double? HeapMiB { get; init; }

    /// <summary>The largest MirrorMaker 2 <c>replication-latency-ms-max</c> over all partitions, in milliseconds.</summary>
    public double? ReplicationLatencyMaxMs { get; init; }

    /// <summary>MirrorMaker 2's <c>record-count</c> summed over all partitions.</summary>
    public double? RecordCount { get; init; }

    /// <summary>The largest MirrorMaker 2 <c>checkpoint-latency-ms-max</c> over all groups' partitions, in milliseconds.</summary>
    public double? CheckpointLatencyMaxMs { get; init; }
}
