using Confluent.Kafka;
using Harness.Replicator.Checkpoints;
using Harness.Replicator.Clients;
using Harness.Replicator.Configuration;
using Harness.Replicator.Heartbeats;
using Harness.Replicator.Metrics;
using Harness.Replicator.OffsetSyncs;
using Harness.Replicator.Progress;
using Harness.Replicator.Topics;

namespace Harness.Replicator.Source;

/// <summary>
/// Runs one MM2-style flow: discovers the source topics to mirror, creates their remote topics, spreads their
/// partitions over <c>tasks.max</c> workers by volume (see <see cref="TaskPlan"/>), writes offset syncs,
/// checkpoints and heartbeats, and saves progress in the target's offsets topic (see <see cref="ProgressStore"/>)
/// until cancelled. A graceful stop waits for the target to acknowledge what was sent, writes the pending offset
/// syncs and saves progress.
/// </summary>
public sealed class MirrorReplicator
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(30);
    private readonly ReplicatorSettings _settings;
    private readonly Action<string> _log;
    private readonly TimeSpan _adminTimeout;
    private readonly TimeProvider _time;
    private readonly AckTracker _acks = new();
    private readonly List<MirrorWorker> _workers = [];
    private readonly List<OffsetSyncWriter> _syncWriters = [];
    private TopicDiscovery? _discovery;
    private ProgressStore? _progress;
    private volatile bool _paused;
    private volatile ReplicatorState _state = ReplicatorState.Starting;
    private volatile string? _failure;
    private bool _validated;

    /// <summary>Creates the replicator; nothing connects until <see cref="RunAsync"/>.</summary>
    /// <param name="settings">The flow.</param>
    /// <param name="log">Receives one line per event worth telling an operator.</param>
    /// <param name="time">
    /// The clock of every interval (commits, topic refreshes, checkpoints, heartbeats), deadline and latency;
    /// <see cref="TimeProvider.System"/> when null.
    /// </param>
    public MirrorReplicator(ReplicatorSettings settings, Action<string> log, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _log = log;
        _adminTimeout = settings.AdminTimeout;
        _time = time ?? TimeProvider.System;
        Metrics = new ReplicatorMetrics(_time);
    }

    /// <summary>Counters for the metrics file and endpoint.</summary>
    public ReplicatorMetrics Metrics { get; }

    /// <summary>Life-cycle state.</summary>
    public ReplicatorState State => _state;

    /// <summary>
    /// Pauses or resumes every task. Setting it returns once every running task has acted on it, so nothing read
    /// from the source after a pause is sent; records already sent still complete.
    /// </summary>
    public bool Paused
    {
        get => _paused;
        set
        {
            _paused = value;
            List<MirrorWorker> workers;
            lock (_workers)
            {
                workers = [.. _workers];
            }

            workers.ForEach(w => w.Paused = value);
            workers.ForEach(w => w.WaitPauseApplied(TimeSpan.FromSeconds(5)));
        }
    }

    /// <summary>Task of each mirrored source partition, once planned.</summary>
    public IReadOnlyDictionary<(string Topic, int Partition), int> Assignments
    {
        get
        {
            return _discovery?.Owners ?? new Dictionary<(string, int), int>();
        }
    }

    /// <summary>Source records not yet acknowledged by the target, per partition.</summary>
    public IReadOnlyDictionary<(string Topic, int Partition), long> Lag()
    {
        lock (_workers)
        {
            return _workers.SelectMany(w => w.Lag()).ToDictionary(p => p.Key, p => p.Value);
        }
    }

    /// <summary>A snapshot for the control endpoint.</summary>
    public ReplicatorStatus Status()
    {
        var lag = Lag();
        return new ReplicatorStatus
        {
            State = _state,
            Paused = _paused,
            Records = Metrics.TotalRecords,
            Lag = lag.Count == 0 ? null : lag.Values.Sum(),
            Tasks = _settings.TasksMax,
            Partitions = _discovery?.Count ?? 0,
            Checkpoints = Metrics.CheckpointCount,
            Failure = _failure,
        };
    }

    /// <summary>Has librdkafka check every client setting, without connecting anywhere.</summary>
    /// <exception cref="ReplicatorConfigException">librdkafka refused a setting; the message names it.</exception>
    public void ValidateClientSettings()
    {
        var (source, target) = Clients();
        source.Validate();
        target.Validate();
        _validated = true;
    }

    /// <summary>Mirrors until <paramref name="cancellation"/> fires, then flushes, writes offset syncs and saves progress.</summary>
    /// <exception cref="ClusterUnreachableException">A cluster did not answer at start.</exception>
    /// <exception cref="ReplicatorConfigException">librdkafka refused a client setting.</exception>
    /// <exception cref="ReplicationFailedException">Replication stopped on an error.</exception>
    public async Task RunAsync(CancellationToken cancellation)
    {
        var (source, target) = Clients();
        if (!_validated)
        {
            ValidateClientSettings();
        }

        // Side by side: each check costs a client's start and stop. When both fail, the source is reported.
        Task[] reaches = [Task.Run(() => ReachAsync(source)), Task.Run(() => ReachAsync(target))];
        try
        {
            await Task.WhenAll(reaches).ConfigureAwait(false);
        }
        catch (ClusterUnreachableException)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(reaches.First(r => r.IsFaulted).Exception!.InnerException!);
        }

        using var sourceAdmin = source.Admin();
        using var targetAdmin = target.Admin();
        if (_settings.Sabotage.Any)
        {
            _log($"SABOTAGE IS ON ({_settings.Sabotage}): this replicator corrupts data on purpose, for verifier tests only");
        }

        using var targetInternal = target.Producer(InternalProducerConfig("internal"));
        // Source offsets live on the target, unless a Connect worker keeps them on its own cluster.
        var offsets = _settings.OffsetStorageBootstrap is { } offsetsBootstrap
            ? new KafkaClients("offsets", offsetsBootstrap, _settings.OffsetStorageClients, new ClientLog(_log, _time))
            : target;
        using var offsetsAdmin = ReferenceEquals(offsets, target) ? null : offsets.Admin();
        var progressAdmin = offsetsAdmin ?? targetAdmin;
        using var progressProducer = offsets.Producer(InternalProducerConfig("offsets"));
        var syncsOnSource = _settings.OffsetSyncsLocation == OffsetSyncsTopicLocation.Source;
        using var sourceInternal = _settings.EmitOffsetSyncs && syncsOnSource ? source.Producer(InternalProducerConfig("offset-syncs")) : null;
        var syncProducer = syncsOnSource ? sourceInternal : targetInternal;
        using var background = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var loops = new List<Task>();
        try
        {
            await RetryStartAsync("creating the internal topics", () => CreateInternalTopicsAsync(syncsOnSource ? sourceAdmin : targetAdmin, targetAdmin, progressAdmin), cancellation).ConfigureAwait(false);
            lock (_workers)
            {
                // Connect's checkpoint and heartbeat connectors copy nothing: no tasks, no discovery, no progress.
                for (var i = 0; i < (_settings.CopyRecords ? _settings.TasksMax : 0); i++)
                {
                    OffsetSyncWriter? writer = null;
                    if (_settings.EmitOffsetSyncs)
                    {
                        writer = new OffsetSyncWriter(syncProducer!, _settings.OffsetSyncsTopic, _settings.OffsetLagMax, Metrics.OffsetSyncWritten);
                        _syncWriters.Add(writer);
                    }

                    _workers.Add(new MirrorWorker(i, _settings, source, target, _acks, Metrics, writer) { Paused = _paused });
                }
            }

            var saved = new Dictionary<(string Topic, int Partition), long>();
            TopicDiscovery? discovery = null;
            if (_settings.CopyRecords)
            {
                await RetryStartAsync("reading progress", () =>
                {
                    saved = LoadProgress(offsets, progressAdmin, cancellation);
                    return Task.CompletedTask;
                }, cancellation).ConfigureAwait(false);
                _progress = new ProgressStore(progressProducer, _settings.OffsetStorageTopic, _settings.SourceAlias, _log);
                _progress.Loaded(saved);
                var found = new TopicDiscovery(_settings, sourceAdmin, new RemoteTopics(_settings, sourceAdmin, targetAdmin, _adminTimeout), source, _log, _time);
                discovery = _discovery = found;
                await RetryStartAsync("finding the topics to mirror", () => found.DiscoverAsync(_workers, saved, initial: true, cancellation), cancellation).ConfigureAwait(false);
            }

            _workers.ForEach(w => w.Start());
            _state = ReplicatorState.Running;
            if (_settings.EmitCheckpoints || _settings.SyncGroupOffsets)
            {
                var checkpoints = new CheckpointLoop(_settings, source, target, sourceAdmin, targetAdmin, targetInternal, Metrics, _log);
                loops.Add(Task.Run(() => checkpoints.RunAsync(background.Token), CancellationToken.None));
            }

            if (_settings.EmitHeartbeats)
            {
                var heartbeats = new HeartbeatEmitter(_settings.SourceAlias, _settings.TargetAlias, _settings.Policy.HeartbeatsTopic, targetInternal, Metrics);
                loops.Add(Task.Run(() => heartbeats.RunAsync(_settings.HeartbeatsInterval, _log, background.Token), CancellationToken.None));
            }

            var nextRefresh = _time.GetUtcNow() + _settings.RefreshTopicsInterval;
            while (!cancellation.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(_settings.CommitInterval, _time, cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                if (_workers.FirstOrDefault(w => w.Failure is not null) is { } failed)
                {
                    throw new ReplicationFailedException($"task {failed.Id}: {failed.Failure}");
                }

                Commit();
                if (discovery is not null && _settings.RefreshTopics && _time.GetUtcNow() >= nextRefresh)
                {
                    nextRefresh = _time.GetUtcNow() + _settings.RefreshTopicsInterval;
                    try
                    {
                        await discovery.DiscoverAsync(_workers, saved, initial: false, cancellation).ConfigureAwait(false);
                    }
                    catch (KafkaException e)
                    {
                        // A broker down for a moment (a chaos fault, a rolling restart) is no reason to stop copying
                        // the topics already found; the next refresh looks again.
                        _log($"topic refresh failed, retrying in {_settings.RefreshTopicsInterval.TotalSeconds:0} s: {e.Message}");
                    }
                }
            }
        }
        catch (ReplicationFailedException e)
        {
            _failure = e.Message;
            throw;
        }
        catch (KafkaException e)
        {
            _failure = e.Message;
            throw new ReplicationFailedException($"{e.Message} ({e.Error.Code})");
        }
        finally
        {
            _state = ReplicatorState.Stopping;
            await background.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(loops).ConfigureAwait(false);
            }
            catch (Exception e) when (e is KafkaException or InvalidOperationException)
            {
                _log($"a background loop ended with an error: {e.Message}");
            }

            var flushed = _workers.Select(w => w.Stop(FlushTimeout)).ToList().All(f => f);
            Commit();
            syncProducer?.Flush(FlushTimeout);
            flushed &= _progress?.Flush(FlushTimeout) ?? true;
            targetInternal.Flush(FlushTimeout);
            _workers.ForEach(w => w.Dispose());
            _state = _failure is null ? ReplicatorState.Stopped : ReplicatorState.Failed;
            _log(flushed ? "flushed; offset syncs written; progress saved" : "the target did not acknowledge everything in time; progress saved up to what it did");
        }
    }

    private (KafkaClients Source, KafkaClients Target) Clients()
    {
        var clientLog = new ClientLog(_log, _time);
        return (new KafkaClients(_settings.SourceAlias, _settings.SourceBootstrap, _settings.SourceClients, clientLog),
            new KafkaClients(_settings.TargetAlias, _settings.TargetBootstrap, _settings.TargetClients, clientLog));
    }

    private static ProducerConfig InternalProducerConfig(string name) => new()
    {
        ClientId = $"harness-replicator-{name}",
        Acks = Acks.All,
        EnableIdempotence = true,
        LingerMs = 1,
        MessageTimeoutMs = 0,

        // Java's partitioner for keyed records: with an offsets topic of several partitions, Connect and this replicator
        // put a key in the same partition, so the latest record of a key is the latest progress for either of them.
        Partitioner = Partitioner.Murmur2Random,
    };

    private async Task ReachAsync(KafkaClients cluster)
    {
        // A quiet client: while a cluster is down librdkafka complains many times a second; the exception says it once.
        using var admin = cluster.Admin(quiet: true);
        var started = _time.GetTimestamp();
        while (true)
        {
            try
            {
                admin.GetMetadata(_adminTimeout);
                return;
            }
            catch (KafkaException e) when (_time.GetElapsedTime(started) < _adminTimeout)
            {
                // A transport failure can come back at once on a busy machine: keep asking until the admin timeout,
                // so only a cluster that stays unreachable ends the replicator.
                _ = e;
                await Task.Delay(TimeSpan.FromMilliseconds(250), _time).ConfigureAwait(false);
            }
            catch (KafkaException e)
            {
                throw new ClusterUnreachableException($"cannot reach cluster '{cluster.Alias}' at {cluster.Bootstrap} ({e.Error.Reason}); check {cluster.Alias}.bootstrap.servers");
            }
        }
    }

    /// <summary>
    /// Runs a start-up step again after a broker error until the admin timeout: a broker that dies while the
    /// replicator starts (a chaos fault, a rolling restart) is no reason to give up, as it is not once running. The
    /// steps are idempotent: topics that exist are left alone and partitions already placed are not placed again.
    /// </summary>
    private async Task RetryStartAsync(string step, Func<Task> action, CancellationToken cancellation)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            try
            {
                await action().ConfigureAwait(false);
                return;
            }
            catch (KafkaException e) when (_time.GetElapsedTime(started) < _adminTimeout && !cancellation.IsCancellationRequested)
            {
                _log($"{step} failed, retrying: {e.Message}");
                await Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellation).ConfigureAwait(false);
            }
        }
    }

    private void Commit()
    {
        // Syncs first: a saved position never runs ahead of the syncs that describe it.
        if (_settings.SyncsAtCommit)
        {
            _syncWriters.ForEach(w => w.Promote());
        }

        _progress?.Save(_acks.Snapshot());
    }

    private Dictionary<(string Topic, int Partition), long> LoadProgress(KafkaClients offsets, IAdminClient offsetsAdmin, CancellationToken cancellation)
    {
        var topic = _settings.OffsetStorageTopic;
        var metadata = offsetsAdmin.GetMetadata(topic, _adminTimeout).Topics.FirstOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            // A topic created a moment ago may not have its leaders yet.
            throw new KafkaException(metadata?.Error.IsError == true ? metadata.Error : new Error(ErrorCode.LeaderNotAvailable, $"{topic} has no partitions yet"));
        }

        using var consumer = offsets.Consumer(new ConsumerConfig
        {
            GroupId = "harness-replicator-offsets-reader",
            ClientId = "harness-replicator-offsets-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        });
        try
        {
            var saved = new ProgressReader(consumer, topic, _settings.SourceAlias, _log, _time).ReadToEnd(metadata.Partitions.Count, _adminTimeout, cancellation);
            _log(saved.Count == 0
                ? $"no progress in {topic}: copying from the beginning"
                : $"resuming {saved.Count} partition(s) from the progress in {topic}");
            return saved;
        }
        finally
        {
            consumer.Close();
        }
    }

    private async Task CreateInternalTopicsAsync(IAdminClient syncsAdmin, IAdminClient targetAdmin, IAdminClient offsetsAdmin)
    {
        var rf = _settings.InternalTopicReplicationFactor;
        if (_settings.CopyRecords)
        {
            await InternalTopics.EnsureAsync(offsetsAdmin, _settings.OffsetStorageTopic, _settings.OffsetStorageReplicationFactor, _adminTimeout, _settings.OffsetStoragePartitions).ConfigureAwait(false);
        }

        if (_settings.EmitOffsetSyncs || _settings.EmitCheckpoints)
        {
            await InternalTopics.EnsureAsync(syncsAdmin, _settings.OffsetSyncsTopic, rf, _adminTimeout).ConfigureAwait(false);
        }

        if (_settings.EmitCheckpoints || _settings.SyncGroupOffsets)
        {
            await InternalTopics.EnsureAsync(targetAdmin, _settings.CheckpointsTopic, rf, _adminTimeout).ConfigureAwait(false);
        }

        if (_settings.EmitHeartbeats)
        {
            await InternalTopics.EnsureAsync(targetAdmin, _settings.Policy.HeartbeatsTopic, rf, _adminTimeout).ConfigureAwait(false);
        }
    }
}
