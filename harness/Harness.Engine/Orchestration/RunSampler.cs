using Harness.Engine.Clients;
using Harness.Engine.Chaos;
using Harness.Engine.Clusters;
using Harness.Engine.Load;
using Harness.Engine.Replicators.Metrics;
using Harness.Engine.Resources;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Engine.Verification;
using Harness.Reports.Model;

namespace Harness.Engine.Orchestration;

/// <summary>
/// Samples the run once per interval (produce and replicate rates, lag, brokers up) for the live display and
/// the report's time series. Lag is read from the clusters' own watermarks, so it works for any replicator. The series
/// is downsampled past <see cref="SampleSeries.DefaultCap"/> points, so a soak of any length keeps a bounded series.
/// </summary>
internal sealed class RunSampler : IAsyncDisposable
{
    private readonly IKafkaCluster _source;
    private readonly IKafkaCluster _target;
    private readonly IReadOnlyList<(string Source, string Target, int Partitions)> _topics;
    private readonly LoadCounters _load;
    private readonly LatencyRecorder _latency;
    private readonly IReplicatorMetrics? _metrics;
    private readonly Func<long>? _newestReplicatedMs;
    private readonly ChaosEngine? _chaos;
    private readonly long _planned;
    private readonly IRunProgress _progress;
    private readonly IReadOnlyList<(string Class, IReadOnlyList<string> Topics)> _classes;
    private readonly TimeSpan _interval;
    private readonly RunClock _clock;
    private readonly WatermarkReader _sourceMarks;
    private readonly WatermarkReader _targetMarks;
    private readonly Action<Dictionary<(string Topic, int Partition), long>, Dictionary<(string Topic, int Partition), long>>? _adjustEnds;
    private readonly IMemoryProbe? _memory;
    private readonly CancellationTokenSource _stop = new();
    private readonly SampleSeries _samples = new();
    private readonly Dictionary<(string Topic, int Partition), long> _knownSourceMarks = [];
    private readonly Dictionary<(string Topic, int Partition), long> _knownTargetMarks = [];
    private readonly object _lock = new();
    private Task? _loop;
    private long _lastProduced;
    private long _lastReplicated;
    private double _lastOffset;

    public RunSampler(IKafkaCluster source, IKafkaCluster target, IReadOnlyList<(string Source, string Target, int Partitions)> topics,
        LoadCounters load, long planned, IRunProgress progress, TimeSpan interval, RunClock clock, LatencyRecorder latency, IReplicatorMetrics? metrics, ChaosEngine? chaos,
        Func<long>? newestReplicatedMs = null, IReadOnlyList<TopicSpec>? topicSpecs = null,
        Action<Dictionary<(string Topic, int Partition), long>, Dictionary<(string Topic, int Partition), long>>? adjustEnds = null,
        KafkaEndpoint? sourceEndpoint = null, KafkaEndpoint? targetEndpoint = null, IMemoryProbe? memory = null)
    {
        _memory = memory;
        _adjustEnds = adjustEnds;
        _classes = Classes(topics, topicSpecs);
        _newestReplicatedMs = newestReplicatedMs;
        _metrics = metrics;
        _chaos = chaos;
        _latency = latency;
        _source = source;
        _target = target;
        _topics = topics;
        _load = load;
        _planned = planned;
        _progress = progress;
        _interval = interval;
        _clock = clock;
        _sourceMarks = new WatermarkReader(sourceEndpoint ?? source.BootstrapServers);
        _targetMarks = new WatermarkReader(targetEndpoint ?? target.BootstrapServers);
    }

    public string Phase { get; set; } = "load";

    public IReadOnlyList<MetricSample> Samples
    {
        get
        {
            lock (_lock)
            {
                return _samples.Points();
            }
        }
    }

    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>Reads both sides' watermarks now, without adding a sample to the time series.</summary>
    public async Task<(Dictionary<(string, int), long> Source, Dictionary<(string, int), long> Target)> ReadWatermarksAsync()
    {
        var sourceTask = _sourceMarks.ReadAsync(_topics.Select(t => (t.Source, t.Partitions)), TimeSpan.FromSeconds(5));
        var targetTask = _targetMarks.ReadAsync(_topics.Select(t => (t.Target, t.Partitions)), TimeSpan.FromSeconds(5));
        return (await sourceTask.ConfigureAwait(false), await targetTask.ConfigureAwait(false));
    }

    /// <summary>Takes one sample of the time series (called once per interval by the sampling loop).</summary>
    private async Task SampleAsync()
    {
        // Time and brokers up are read at the tick, before any request: a partition whose leader was just killed may
        // keep a watermark read waiting, and the sample must still land on its tick and show the broker down.
        var now = _clock.Elapsed.TotalSeconds;
        var sourceUp = _source.BrokersUp ?? 0;
        var targetUp = _target.BrokersUp ?? 0;
        var timeout = TimeSpan.FromMilliseconds(Math.Clamp(_interval.TotalMilliseconds * 0.8, 200, 2000));
        var sourceTask = _sourceMarks.ReadAsync(_topics.Select(t => (t.Source, t.Partitions)), timeout);
        var targetTask = _targetMarks.ReadAsync(_topics.Select(t => (t.Target, t.Partitions)), timeout);
        var sourceMarks = Remember(_knownSourceMarks, await sourceTask.ConfigureAwait(false));
        var targetMarks = Remember(_knownTargetMarks, await targetTask.ConfigureAwait(false));
        if (_adjustEnds is not null)
        {
            // Lag against the ends the drain waits for (ReplicationEnds): a transactional source's high watermark counts
            // markers and aborted records a read_committed copy never holds, so a drained topic would never show 0.
            (sourceMarks, targetMarks) = (new(sourceMarks), new(targetMarks));
            _adjustEnds(sourceMarks, targetMarks);
        }
        var byTarget = _topics.ToDictionary(t => t.Source, t => t.Target, StringComparer.Ordinal);
        var byTopic = new Dictionary<string, (long Produced, long Replicated, long Lag)>(StringComparer.Ordinal);
        long lag = 0;
        foreach (var ((topic, partition), high) in sourceMarks)
        {
            var copied = targetMarks.GetValueOrDefault((byTarget[topic], partition));
            var behind = Math.Max(0, high - copied);
            lag += behind;
            var sums = byTopic.GetValueOrDefault(topic);
            byTopic[topic] = (sums.Produced + high, sums.Replicated + copied, sums.Lag + behind);
        }

        var replicated = targetMarks.Values.Sum();
        var produced = _load.Acknowledged;
        var interval = _latency.TakeInterval();
        var replicator = _metrics?.Latest;
        var memory = _memory?.Read();
        lock (_lock)
        {
            var span = Math.Max(now - _lastOffset, 0.001);
            var sample = new MetricSample
            {
                OffsetSeconds = Math.Round(now, 3),
                ProduceRate = Math.Round((produced - _lastProduced) / span, 1),
                ReplicateRate = Math.Round(Math.Max(0, replicated - _lastReplicated) / span, 1),
                LagRecords = lag,
                LagMs = LagMs(lag),
                LatencyP50Ms = interval?.P50,
                LatencyP99Ms = interval?.P99,
                ReplicatorRssMiB = replicator?.RssMiB,
                GcHeapMiB = replicator?.HeapMiB,
                ReplicatorLatencyMaxMs = replicator?.ReplicationLatencyMaxMs,
                CheckpointLatencyMaxMs = replicator?.CheckpointLatencyMaxMs,
                SourceBrokersUp = sourceUp,
                TargetBrokersUp = targetUp,
            };
            _samples.Add(memory?.ApplyTo(sample) ?? sample);
            _lastProduced = produced;
            _lastReplicated = Math.Max(_lastReplicated, replicated);
            _lastOffset = now;
        }

        _progress.Sample(new ProgressSnapshot(Phase, _clock.Elapsed, _planned, produced, replicated, lag, _chaos?.Active ?? 0, _chaos?.Done ?? 0)
        {
            Classes = [.. _classes.Select(c => ClassRow(c.Class, c.Topics, byTopic))],
            ActiveFaults = _chaos?.Running ?? [],
        });
    }

    /// <summary>
    /// Groups the topics by their declared <c>volume</c>, busiest first. Without the scenario's topics, or when none
    /// declares one, all topics make one <c>all</c> row; undeclared topics beside declared ones make an <c>other</c> row.
    /// </summary>
    internal static List<(string Class, IReadOnlyList<string> Topics)> Classes(IReadOnlyList<(string Source, string Target, int Partitions)> topics, IReadOnlyList<TopicSpec>? specs)
    {
        var volumes = (specs ?? []).Where(s => s.Volume is not null).ToDictionary(s => s.Name, s => s.Volume!.Value, StringComparer.Ordinal);
        if (volumes.Count == 0)
        {
            return [("all", [.. topics.Select(t => t.Source)])];
        }

        var classes = topics.Where(t => volumes.ContainsKey(t.Source))
            .GroupBy(t => volumes[t.Source])
            .OrderBy(g => g.Key)
            .Select(g => (g.Key.ToString().ToLowerInvariant(), (IReadOnlyList<string>)[.. g.Select(t => t.Source)]))
            .ToList();
        var other = topics.Where(t => !volumes.ContainsKey(t.Source)).Select(t => t.Source).ToList();
        if (other.Count > 0)
        {
            classes.Add(("other", other));
        }

        return classes;
    }

    private static TopicClassProgress ClassRow(string name, IReadOnlyList<string> topics, Dictionary<string, (long Produced, long Replicated, long Lag)> byTopic)
    {
        long produced = 0, replicated = 0, lag = 0;
        foreach (var topic in topics)
        {
            var sums = byTopic.GetValueOrDefault(topic);
            produced += sums.Produced;
            replicated += sums.Replicated;
            lag += sums.Lag;
        }

        return new TopicClassProgress(name, topics.Count, produced, replicated, lag);
    }

    /// <summary>
    /// Merges a read into the last known watermarks: a partition that did not answer in time (its leader is down
    /// or moving) keeps its last value instead of counting as 0, which would draw a false spike or dip in lag.
    /// </summary>
    private static Dictionary<(string Topic, int Partition), long> Remember(Dictionary<(string Topic, int Partition), long> known, Dictionary<(string Topic, int Partition), long> read)
    {
        foreach (var (partition, high) in read)
        {
            // While a broker is down some partitions answer without an error but with no offset (librdkafka's
            // -1001): that is no answer either, and counting it hid those partitions' lag and records.
            if (high >= 0)
            {
                known[partition] = high;
            }
        }

        return known;
    }

    /// <summary>How far the target is behind in time: now minus the produce time of the newest record it has.</summary>
    private double? LagMs(long lagRecords)
    {
        if (lagRecords == 0)
        {
            return 0;
        }

        var newest = _newestReplicatedMs?.Invoke() ?? 0;
        return newest == 0 ? null : Math.Max(0, _clock.UtcNow.ToUnixTimeMilliseconds() - newest);
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_interval, _clock.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await SampleAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
        _sourceMarks.Dispose();
        _targetMarks.Dispose();
    }
}
