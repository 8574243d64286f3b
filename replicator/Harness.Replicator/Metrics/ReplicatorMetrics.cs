using System.Collections.Concurrent;

namespace Harness.Replicator.Metrics;

/// <summary>
/// The live metrics of one replicator (MM2 group <c>kafka.connect.mirror</c>): per source partition and per
/// checkpointed group-topic-partition. <see cref="MetricsSampler"/> turns them into snapshots.
/// </summary>
public sealed class ReplicatorMetrics
{
    private readonly ConcurrentDictionary<(string Topic, int Partition), PartitionMetrics> _partitions = new();
    private readonly ConcurrentDictionary<(string Group, string Topic, int Partition), LatencyStat> _checkpoints = new();
    private long _checkpointCount;
    private long _offsetSyncCount;
    private long _heartbeatCount;

    /// <summary>Creates metrics that read time from <paramref name="time"/>.</summary>
    public ReplicatorMetrics(TimeProvider? time = null) => Time = time ?? TimeProvider.System;

    /// <summary>
    /// The replicator's clock: latencies, intervals and deadlines all read it, so a test with a fake clock drives them.
    /// </summary>
    public TimeProvider Time { get; }

    /// <summary>Records replicated by every partition.</summary>
    public long TotalRecords => _partitions.Values.Sum(p => p.RecordCount);

    /// <summary>Checkpoints the target acknowledged.</summary>
    public long CheckpointCount => Interlocked.Read(ref _checkpointCount);

    /// <summary>Offset syncs written.</summary>
    public long OffsetSyncCount => Interlocked.Read(ref _offsetSyncCount);

    /// <summary>Heartbeats written.</summary>
    public long HeartbeatCount => Interlocked.Read(ref _heartbeatCount);

    /// <summary>The counters of a source partition (created on first use; callers keep the reference).</summary>
    public PartitionMetrics Partition(string topic, int partition) =>
        _partitions.GetOrAdd((topic, partition), key => new PartitionMetrics(key.Topic, key.Partition));

    /// <summary>Partition counters, ordered by topic and partition.</summary>
    public IReadOnlyList<PartitionMetrics> Partitions() =>
        _partitions.Values.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition).ToList();

    /// <summary>MM2 checkpoint-latency-ms: from building a checkpoint to the target's acknowledgement.</summary>
    internal void CheckpointWritten(string group, string topic, int partition, long latencyMs)
    {
        Interlocked.Increment(ref _checkpointCount);
        _checkpoints.GetOrAdd((group, topic, partition), _ => new LatencyStat()).Record(Math.Max(0, latencyMs));
    }

    internal void OffsetSyncWritten() => Interlocked.Increment(ref _offsetSyncCount);

    internal void HeartbeatWritten() => Interlocked.Increment(ref _heartbeatCount);

    internal IReadOnlyList<((string Group, string Topic, int Partition) Key, LatencyStat Stat)> CheckpointStats() =>
        _checkpoints.Select(c => (c.Key, c.Value)).OrderBy(c => c.Key.Group, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Topic, StringComparer.Ordinal).ThenBy(c => c.Key.Partition).ToList();
}
