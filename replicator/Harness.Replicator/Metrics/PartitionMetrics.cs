namespace Harness.Replicator.Metrics;

/// <summary>
/// MM2's per-partition source metrics, updated from the worker and producer callback threads: record-count and
/// byte-count (value bytes, as MM2 counts) at the target's acknowledgement, record-age-ms when the record is
/// read from the source, replication-latency-ms at the acknowledgement (both: now minus the record timestamp).
/// </summary>
public sealed class PartitionMetrics
{
    private long _recordCount;
    private long _byteCount;

    internal PartitionMetrics(string topic, int partition)
    {
        Topic = topic;
        Partition = partition;
    }

    /// <summary>Source topic.</summary>
    public string Topic { get; }

    /// <summary>Source partition.</summary>
    public int Partition { get; }

    /// <summary>MM2 record-count: records the target acknowledged.</summary>
    public long RecordCount => Interlocked.Read(ref _recordCount);

    /// <summary>MM2 byte-count: value bytes of those records.</summary>
    public long ByteCount => Interlocked.Read(ref _byteCount);

    internal LatencyStat ReplicationLatency { get; } = new();

    internal LatencyStat RecordAge { get; } = new();

    /// <summary>A record was read from the source at <paramref name="nowMs"/>.</summary>
    internal void Polled(long nowMs, long timestampMs) => RecordAge.Record(Math.Max(0, nowMs - timestampMs));

    /// <summary>The target acknowledged a record at <paramref name="nowMs"/>.</summary>
    internal void Replicated(int valueBytes, long nowMs, long timestampMs)
    {
        Interlocked.Increment(ref _recordCount);
        Interlocked.Add(ref _byteCount, valueBytes);
        ReplicationLatency.Record(Math.Max(0, nowMs - timestampMs));
    }
}
