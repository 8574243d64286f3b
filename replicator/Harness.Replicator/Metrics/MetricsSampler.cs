namespace Harness.Replicator.Metrics;

/// <summary>
/// Takes <see cref="MetricsSnapshot"/>s: one caller (the replicator's metrics loop) samples at a fixed interval,
/// and the metrics file and the Prometheus endpoint both read <see cref="Latest"/>, so a scrape never resets a
/// window the file still needs.
/// </summary>
public sealed class MetricsSampler
{
    private readonly ReplicatorMetrics _metrics;
    private readonly Func<IReadOnlyDictionary<(string Topic, int Partition), long>> _lag;
    private readonly Dictionary<(string, int), (long Records, long Bytes)> _previous = [];
    private readonly Lock _lock = new();
    private DateTimeOffset _previousTime;
    private MetricsSnapshot? _latest;

    /// <summary>Creates a sampler; <paramref name="lag"/> reports records behind per source partition.</summary>
    public MetricsSampler(ReplicatorMetrics metrics, Func<IReadOnlyDictionary<(string Topic, int Partition), long>>? lag = null)
    {
        _metrics = metrics;
        _lag = lag ?? (() => new Dictionary<(string, int), long>());
        _previousTime = metrics.Time.GetUtcNow();
    }

    /// <summary>The most recent snapshot, or null before the first <see cref="Sample"/>.</summary>
    public MetricsSnapshot? Latest => Volatile.Read(ref _latest);

    /// <summary>Takes a snapshot and makes it <see cref="Latest"/>.</summary>
    public MetricsSnapshot Sample()
    {
        lock (_lock)
        {
            var now = _metrics.Time.GetUtcNow();
            var seconds = Math.Max((now - _previousTime).TotalSeconds, 1e-3);
            _previousTime = now;
            var lag = _lag();
            var partitions = new List<PartitionSample>();
            foreach (var p in _metrics.Partitions())
            {
                var records = p.RecordCount;
                var bytes = p.ByteCount;
                var before = _previous.GetValueOrDefault((p.Topic, p.Partition));
                _previous[(p.Topic, p.Partition)] = (records, bytes);
                partitions.Add(new PartitionSample
                {
                    Topic = p.Topic,
                    Partition = p.Partition,
                    RecordCount = records,
                    ByteCount = bytes,
                    RecordRate = (records - before.Records) / seconds,
                    ByteRate = (bytes - before.Bytes) / seconds,
                    ReplicationLatency = p.ReplicationLatency.Rotate(),
                    RecordAge = p.RecordAge.Rotate(),
                    Lag = lag.TryGetValue((p.Topic, p.Partition), out var behind) ? behind : null,
                });
            }

            var gc = GC.GetGCMemoryInfo();
            var snapshot = new MetricsSnapshot
            {
                Time = now,
                WindowSeconds = seconds,
                RecordCount = partitions.Sum(p => p.RecordCount),
                RecordRate = partitions.Sum(p => p.RecordRate),
                ByteRate = partitions.Sum(p => p.ByteRate),
                Lag = lag.Count == 0 ? null : lag.Values.Sum(),
                CheckpointCount = _metrics.CheckpointCount,
                OffsetSyncCount = _metrics.OffsetSyncCount,
                HeartbeatCount = _metrics.HeartbeatCount,
                RssBytes = Environment.WorkingSet,
                GcHeapBytes = GC.GetTotalMemory(false),
                GcHeapLimitBytes = gc.TotalAvailableMemoryBytes,
                GcCount = GC.CollectionCount(0), // every collection, of any generation, collects generation 0
                Partitions = partitions,
                Checkpoints = _metrics.CheckpointStats().Select(c => new CheckpointSample(c.Key.Group, c.Key.Topic, c.Key.Partition, c.Stat.Rotate())).ToList(),
            };
            Volatile.Write(ref _latest, snapshot);
            return snapshot;
        }
    }
}
