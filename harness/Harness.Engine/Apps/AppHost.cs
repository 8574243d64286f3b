using System.Globalization;
using Confluent.Kafka;
using Harness.Engine.Clients;
using Harness.Engine.OffsetTranslation;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Apps;

/// <summary>
/// The scenario's live applications: their producers and consumer groups, started on the source with the load and
/// moved to the target by the cut-over. Owns every client it starts.
/// </summary>
internal sealed class AppHost : IAsyncDisposable
{
    private readonly Scenario _scenario;
    private readonly KafkaEndpoint _sourceBootstrap;
    private readonly KafkaEndpoint _targetBootstrap;
    private readonly TimeProvider _time;
    private readonly IReadOnlyDictionary<string, string> _remote;
    private readonly Dictionary<string, AppConsumerGroup> _groups = new(StringComparer.Ordinal);
    private readonly List<AppProducer> _producers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _stragglerTasks = [];
    private readonly HashSet<string> _moved = new(StringComparer.Ordinal);
    private long _stragglers;

    public AppHost(Scenario scenario, IReadOnlyList<(string Source, string Target, int Partitions)> topics, ulong runId, KafkaEndpoint sourceBootstrap, KafkaEndpoint targetBootstrap, TimeProvider time)
    {
        _scenario = scenario;
        _sourceBootstrap = sourceBootstrap;
        _targetBootstrap = targetBootstrap;
        _time = time;
        RunId = runId;
        _remote = topics.ToDictionary(t => t.Source, t => t.Target, StringComparer.Ordinal);
        Clock = new RunClock(time);
        Partitions = topics.ToDictionary(t => t.Source, t => t.Partitions, StringComparer.Ordinal);
        var produced = AppTopics(scenario);
        for (var a = 0; a < scenario.Apps.Count; a++)
        {
            var app = scenario.Apps[a];
            foreach (var topic in app.Producer?.Topics ?? [])
            {
                var spec = scenario.Topics.First(t => t.Name == topic);
                var schedule = spec.CreateSchedule() ?? throw new HarnessException(
                    $"topic {topic} is produced by app {app.Name} and needs an open rate (rate with records or duration), not keepConstant", ExitCodes.BadInput);
                _producers.Add(new AppProducer((ushort)a, app.Name, topic, schedule, app.Producer!.Keys, app.Producer.Partitioner, runId, Clock, sourceBootstrap));
            }

            if (app.Consumer is { } consumer)
            {
                var read = consumer.Topics.Count > 0 ? consumer.Topics : produced;
                var settings = new ConsumerGroupSettings(app.Name, consumer,
                    read.ToDictionary(t => t, t => t, StringComparer.Ordinal),
                    read.ToDictionary(t => _remote[t], t => t, StringComparer.Ordinal),
                    new ConsumerAppTracker(app.Name), runId, time);
                _groups[app.Name] = new AppConsumerGroup(settings, sourceBootstrap, targetBootstrap);
            }
        }
    }

    public ulong RunId { get; }

    /// <summary>Time since the apps started (with the load): what cut-over <c>after</c> times count from.</summary>
    public RunClock Clock { get; }

    public IReadOnlyDictionary<string, int> Partitions { get; }

    public IReadOnlyList<AppProducer> Producers => _producers;

    public IReadOnlyDictionary<string, AppConsumerGroup> Groups => _groups;

    /// <summary>Cancelled when the apps stop: members a rolling restart starts belong to the apps, not to the fault.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>Records straggler producers wrote to the source.</summary>
    public long Stragglers => Interlocked.Read(ref _stragglers);

    /// <summary>The topics apps produce: the load leaves them to the apps and the record verifier leaves them to the app checks.</summary>
    public static IReadOnlyList<string> AppTopics(Scenario scenario) =>
        [.. scenario.Apps.SelectMany(a => a.Producer?.Topics ?? []).Distinct(StringComparer.Ordinal)];

    public string RemoteOf(string topic) => _remote[topic];

    public void Start()
    {
        foreach (var group in _groups.Values)
        {
            group.Start(_stop.Token);
        }

        foreach (var producer in _producers)
        {
            producer.Start(_stop.Token);
        }
    }

    /// <summary>
    /// Stops the app's members on the source, puts the group's offsets on the target where <paramref name="start"/> says
    /// and starts the members there. Returns what it did, for the timeline.
    /// </summary>
    public async Task<string> MoveConsumersAsync(string app, ConsumerStart start, string checkpointsTopic, CancellationToken cancellation)
    {
        var group = _groups[app];
        await group.StopAsync().ConfigureAwait(false);
        var topics = group.Settings.TargetTopics.Keys.ToHashSet(StringComparer.Ordinal);
        var offsets = new List<TopicPartitionOffset>();
        switch (start)
        {
            case ConsumerStart.Translated:
                var checkpoints = await Task.Run(() => CheckpointReader.ReadLatest(_targetBootstrap, checkpointsTopic, _time, out _), cancellation).ConfigureAwait(false);
                offsets.AddRange(checkpoints.Values.Where(c => c.Group == group.Settings.Spec.Group && topics.Contains(c.Topic))
                    .Select(c => new TopicPartitionOffset(c.Topic, c.Partition, c.DownstreamOffset)));
                break;
            case ConsumerStart.Earliest or ConsumerStart.Latest:
                offsets.AddRange(await Task.Run(() => Ends(topics, start == ConsumerStart.Latest), cancellation).ConfigureAwait(false));
                break;
            default:
                break; // synced: what the replicator wrote into the target group stands
        }

        if (offsets.Count > 0)
        {
            await Task.Run(() => Commit(group.Settings.Spec.Group, offsets), cancellation).ConfigureAwait(false);
            group.StartOffsets = offsets.ToDictionary(o => (o.Topic, o.Partition.Value), o => o.Offset.Value);
        }

        if (start == ConsumerStart.Synced)
        {
            // What the replicator synced into the group is where the members start: shown, so the step says where.
            var synced = await SyncedGroupOffsetReader.ReadAsync(_targetBootstrap, group.Settings.Spec.Group, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            offsets.AddRange(synced.Where(o => topics.Contains(o.Key.Topic)).Select(o => new TopicPartitionOffset(o.Key.Topic, o.Key.Partition, o.Value)));
        }

        group.StartOnTarget(_stop.Token);
        var at = offsets.Count == 0 ? "no committed offsets on the target: " + group.Settings.Spec.AutoOffsetReset
            : string.Join(", ", offsets.OrderBy(o => o.Topic, StringComparer.Ordinal).ThenBy(o => o.Partition.Value).Take(6).Select(o => $"{o.Topic}/{o.Partition.Value}@{o.Offset.Value}"))
                + (offsets.Count > 6 ? ", ..." : "");
        return string.Create(CultureInfo.InvariantCulture, $"{app}: consumers on the target from {start.ToString().ToLowerInvariant()} ({at})");
    }

    /// <summary>Writes <paramref name="rate"/> straggler records a second to the source copies of <paramref name="app"/>'s topics until cancelled or <paramref name="records"/> are written.</summary>
    public Task StraggleAsync(string app, double rate, long? records, CancellationToken cancellation)
    {
        var writing = WriteStragglersAsync(app, rate, records, cancellation);
        lock (_stragglerTasks)
        {
            _stragglerTasks.Add(writing);
        }

        return writing;
    }

    /// <summary>Records that <paramref name="app"/>'s producers have moved and the source's ends after the move are taken.</summary>
    public void MarkMoved(string app)
    {
        lock (_moved)
        {
            _moved.Add(app);
        }
    }

    private bool HasMoved(string app)
    {
        lock (_moved)
        {
            return _moved.Contains(app);
        }
    }

    /// <summary>Waits for the straggler writers that stop on their own (a record count), or <paramref name="within"/>.</summary>
    public async Task StragglersDoneAsync(TimeSpan within)
    {
        Task[] writing;
        lock (_stragglerTasks)
        {
            writing = [.. _stragglerTasks];
        }

        await Task.WhenAny(Task.WhenAll(writing), Task.Delay(within, _time)).ConfigureAwait(false);
    }

    /// <summary>
    /// A straggler is the instance of the app nobody moved: it starts writing once the app's producers are on the
    /// target (at once when they already are), so what it writes is exactly the source's growth after the move.
    /// </summary>
    private async Task WriteStragglersAsync(string app, double rate, long? records, CancellationToken cancellation)
    {
        while (!HasMoved(app))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var topics = _producers.Where(p => p.App == app).Select(p => p.Topic).ToList();
        var index = (ushort)_scenario.Apps.ToList().FindIndex(a => a.Name == app);
        using var producer = new ProducerBuilder<byte[], byte[]>(_sourceBootstrap.Configure(new ProducerConfig { ClientId = $"harness-straggler-{app}", LingerMs = 5 }))
            .SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build();
        var clock = new RunClock(_time);
        long sent = 0;
        try
        {
            while (!cancellation.IsCancellationRequested && sent < (records ?? long.MaxValue))
            {
                if (sent < (long)(clock.Elapsed.TotalSeconds * rate) + 1)
                {
                    var stamp = new AppStamp(RunId, index, (int)(sent % 1000), sent, clock.UtcNow.ToUnixTimeMilliseconds() & 0x7fffffff, OnTarget: false, Straggler: true);
                    producer.Produce(topics[(int)(sent % topics.Count)], new Message<byte[], byte[]> { Key = "straggler"u8.ToArray(), Value = stamp.Encode() },
                        r => { if (!r.Error.IsError) { Interlocked.Increment(ref _stragglers); } });
                    sent++;
                    continue;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(10), _time, cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var group in _groups.Values)
        {
            await group.StopAsync().ConfigureAwait(false);
        }

        foreach (var producer in _producers)
        {
            producer.Dispose();
        }

        _stop.Dispose();
    }

    /// <summary>Stops every member and producer; what they read and acknowledged stays for the checks.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var group in _groups.Values)
        {
            await group.StopAsync().ConfigureAwait(false);
        }
    }

    private List<TopicPartitionOffset> Ends(IEnumerable<string> topics, bool high)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(_targetBootstrap.Configure(new ConsumerConfig { GroupId = "harness-app-ends" }))
            .SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build();
        var source = _remote.ToDictionary(r => r.Value, r => r.Key, StringComparer.Ordinal);
        var offsets = new List<TopicPartitionOffset>();
        foreach (var topic in topics)
        {
            for (var p = 0; p < Partitions[source[topic]]; p++)
            {
                try
                {
                    var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10));
                    offsets.Add(new TopicPartitionOffset(topic, p, high ? marks.High : marks.Low));
                }
                catch (KafkaException) when (!high)
                {
                    // The replicator has not created the partition yet: its start is offset 0.
                    offsets.Add(new TopicPartitionOffset(topic, p, 0));
                }
            }
        }

        return offsets;
    }

    private void Commit(string group, List<TopicPartitionOffset> offsets)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(_targetBootstrap.Configure(new ConsumerConfig { GroupId = group, EnableAutoCommit = false }))
            .SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build();
        consumer.Commit(offsets);
        consumer.Close();
    }
}
