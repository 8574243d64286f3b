namespace Harness.Broker.Cluster;

/// <summary>
/// Runs the cleaner over every partition of every topic whose cleanup.policy includes compact, once per
/// <see cref="EmbeddedClusterOptions.CompactionInterval"/> of the cluster's clock (Kafka's log.cleaner.backoff.ms
/// plays this part), and on demand for one topic.
/// </summary>
internal sealed class CompactionScheduler : IDisposable
{
    private readonly ClusterState _cluster;
    private readonly object _lock = new();
    private ITimer? _timer;
    private CompactionResult _total;

    public CompactionScheduler(ClusterState cluster) => _cluster = cluster;

    /// <summary>Everything the cleaner has removed so far, scheduled and on demand.</summary>
    public CompactionResult Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>Starts the periodic passes; a zero interval leaves compaction on demand only.</summary>
    public void Start()
    {
        var interval = _cluster.Options.CompactionInterval;
        if (interval > TimeSpan.Zero)
        {
            _timer = _cluster.Time.CreateTimer(_ => Sweep(), null, interval, interval);
        }
    }

    /// <summary>
    /// One pass over every partition of <paramref name="topic"/>, whatever its policy says; with <paramref name="roll"/>
    /// (an explicit request) each active segment is rolled first, so everything but the lag window and open
    /// transactions is eligible.
    /// </summary>
    public CompactionResult CompactTopic(TopicState topic, bool roll)
    {
        lock (_lock)
        {
            var now = _cluster.NowMs;
            var result = default(CompactionResult);
            foreach (var partition in topic.Partitions)
            {
                result += partition.Log.Compact(topic.Config, now, roll);
            }

            _total += result with { CleanableEnd = 0 };
            return result;
        }
    }

    private void Sweep()
    {
        try
        {
            foreach (var topic in _cluster.Topics.Values.Where(t => t.Config.Compact))
            {
                CompactTopic(topic, roll: false);
            }
        }
#pragma warning disable CA1031 // A throw on a timer thread would end the process; the next pass tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"[{_cluster.Name}] error: compaction pass failed: {e}");
        }
    }

    public void Dispose() => _timer?.Dispose();
}
