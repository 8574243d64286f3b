using System.Collections.Concurrent;
using Confluent.Kafka;
using Harness.Replicator.Clients;
using Harness.Replicator.Configuration;
using Harness.Replicator.Metrics;
using Harness.Replicator.OffsetSyncs;
using Harness.Replicator.Progress;

namespace Harness.Replicator.Source;

/// <summary>
/// One replication task: consumes its assigned source partitions and produces each record to the same
/// partition of the remote topic with key, value, headers and timestamp unchanged. Runs on its own thread
/// because the client's consume call blocks. Memory stays bounded at any input rate: the consumer's prefetch
/// queue and the producer's queue both have byte limits, and a full producer queue stops consumption.
/// </summary>
internal sealed class MirrorWorker : IDisposable
{
    private readonly ReplicatorSettings _settings;
    private readonly AckTracker _acks;
    private readonly ReplicatorMetrics _metrics;
    private readonly OffsetSyncWriter? _offsetSyncs;
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly Sabotage? _sabotage;
    private readonly Dictionary<(string Topic, int Partition), PartitionFlow> _flows = [];
    private readonly ConcurrentDictionary<(string Topic, int Partition), PartitionFlow> _assigned = new();
    private readonly ConcurrentQueue<PartitionAssignment> _toAssign = new();
    private readonly Thread _thread;
    private volatile bool _stopping;
    private volatile bool _paused;
    private volatile string? _failure;
    private volatile bool _disposed;
    private List<KeyValuePair<(string Topic, int Partition), long>> _finalLag = [];
    private volatile bool _consumerPaused;

    public MirrorWorker(int id, ReplicatorSettings settings, KafkaClients source, KafkaClients target, AckTracker acks, ReplicatorMetrics metrics, OffsetSyncWriter? offsetSyncs)
    {
        Id = id;
        _settings = settings;
        _acks = acks;
        _metrics = metrics;
        _offsetSyncs = offsetSyncs;
        _sabotage = settings.Sabotage.Any ? new Sabotage(settings.Sabotage) : null;
        var consumerConfig = new ConsumerConfig
        {
            GroupId = $"mm2-{settings.SourceAlias}-{settings.TargetAlias}-task-{id}", // assign() only: never joins or commits
            ClientId = $"harness-replicator-{settings.SourceAlias}-consumer-{id}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            QueuedMaxMessagesKbytes = 16 * 1024,
            FetchWaitMaxMs = 100,
            EnablePartitionEof = settings.Sabotage.ReorderEvery > 0,
        };

        // librdkafka stops fetching for a whole second (its default) whenever its local queue is full; a short pause
        // keeps a backlogged source flowing as soon as the producer has caught up.
        consumerConfig.Set("fetch.queue.backoff.ms", "10");
        _consumer = source.Consumer(consumerConfig);
        _producer = target.Producer(
            new ProducerConfig
            {
                ClientId = $"harness-replicator-{settings.TargetAlias}-producer-{id}",
                Acks = Acks.All,
                EnableIdempotence = true,
                LingerMs = 5,
                MessageTimeoutMs = 0, // retry for ever: giving up on a record would be data loss
                QueueBufferingMaxKbytes = 32 * 1024,
                DeliveryReportFields = "status",
            },
            error =>
            {
                if (error.IsFatal)
                {
                    _failure = $"target producer failed: {error.Reason}";
                }
            });
        _thread = new Thread(Run) { IsBackground = true, Name = $"mirror-task-{id}" };
    }

    /// <summary>Task number.</summary>
    public int Id { get; }

    /// <summary>Set when the task stopped on an error it cannot recover from.</summary>
    public string? Failure => _failure;

    /// <summary>Stops fetching new records while true; what is in flight still completes.</summary>
    public bool Paused
    {
        get => _paused;
        set => _paused = value;
    }

    /// <summary>
    /// Waits until the task thread has acted on <see cref="Paused"/>: once a pause is applied, no record read after
    /// it is sent.
    /// </summary>
    public bool WaitPauseApplied(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_thread.IsAlive && !_stopping && _consumerPaused != _paused)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(5);
        }

        return true;
    }

    /// <summary>The source partitions of this task.</summary>
    public IReadOnlyCollection<(string Topic, int Partition)> Partitions => _assigned.Keys.ToList();

    /// <summary>Adds source partitions; the task thread picks them up.</summary>
    public void Assign(IEnumerable<PartitionAssignment> partitions)
    {
        foreach (var p in partitions)
        {
            var source = (p.Topic, p.Partition);
            _assigned[source] = new PartitionFlow(
                source,
                new TopicPartition(_settings.RemoteTopic(p.Topic), p.Partition),
                p.TargetPartitions,
                _metrics.Partition(p.Topic, p.Partition),
                _acks.Start(source, p.StartOffset ?? 0),
                _offsetSyncs?.Partition(p.Topic, p.Partition));
            _toAssign.Enqueue(p);
        }
    }

    /// <summary>Source records not yet acknowledged per partition, from the high watermark of the consumer's last fetch.</summary>
    public IEnumerable<KeyValuePair<(string Topic, int Partition), long>> Lag() => _disposed ? _finalLag : CurrentLag().ToList();

    private IEnumerable<KeyValuePair<(string Topic, int Partition), long>> CurrentLag()
    {
        foreach (var key in _assigned.Keys)
        {

            WatermarkOffsets watermarks;
            try
            {
                watermarks = _consumer.GetWatermarkOffsets(new TopicPartition(key.Topic, key.Partition));
            }
            catch (Exception e) when (e is KafkaException or ObjectDisposedException)
            {
                continue;
            }

            if (watermarks.High.Value >= 0 && _acks.Next(key) is { } next)
            {
                yield return new(key, Math.Max(0, watermarks.High.Value - next));
            }
        }
    }

    /// <summary>Starts copying on the task's thread.</summary>
    public void Start() => _thread.Start();

    /// <summary>Stops consuming, waits for the thread, then waits up to <paramref name="flushTimeout"/> for the target to acknowledge what was sent.</summary>
    public bool Stop(TimeSpan flushTimeout)
    {
        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        return _producer.Flush(flushTimeout) == 0;
    }

    private void Run()
    {
        try
        {
            while (!_stopping && _failure is null)
            {
                ApplyAssignments();
                var paused = _paused;
                if (paused != _consumerPaused)
                {
                    // Paused partitions keep the consumer polled (no poll-interval trouble) without fetching.
                    if (paused)
                    {
                        _consumer.Pause(_consumer.Assignment);
                    }
                    else
                    {
                        _consumer.Resume(_consumer.Assignment);
                    }

                    _consumerPaused = paused;
                }

                ConsumeResult<byte[]?, byte[]?>? result;
                try
                {
                    result = _consumer.Consume(100);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    continue;
                }

                if (result is null)
                {
                    continue;
                }

                if (result.IsPartitionEOF)
                {
                    // Only sabotage asks for end-of-partition events: a record held back for reordering has no
                    // next record to swap with, so it is written now rather than looking lost.
                    Send(_sabotage?.ReleaseHeld((result.Topic, result.Partition.Value)) ?? []);
                    continue;
                }

                Replicate(result);
            }

            if (_sabotage is not null)
            {
                Send(_sabotage.ReleaseHeld());
            }
        }
        catch (KafkaException e)
        {
            _failure = $"source consumer failed: {e.Error.Reason}";
        }
        catch (ObjectDisposedException)
        {
            // Disposed while stopping.
        }
    }

    private void ApplyAssignments()
    {
        if (_toAssign.IsEmpty)
        {
            return;
        }

        var added = new List<TopicPartitionOffset>();
        while (_toAssign.TryDequeue(out var p))
        {
            _flows[(p.Topic, p.Partition)] = _assigned[(p.Topic, p.Partition)];
            added.Add(new TopicPartitionOffset(p.Topic, p.Partition, p.StartOffset is { } start ? new Offset(start) : Offset.Beginning));
        }

        _consumer.IncrementalAssign(added);
        if (_consumerPaused)
        {
            _consumer.Pause(added.Select(a => a.TopicPartition));
        }
    }

    private void Replicate(ConsumeResult<byte[]?, byte[]?> record)
    {
        var flow = _flows[(record.Topic, record.Partition.Value)];
        var message = record.Message;
        var timestampMs = message.Timestamp.Type == TimestampType.NotAvailable ? -1 : message.Timestamp.UnixTimestampMs;
        if (timestampMs >= 0)
        {
            flow.Metrics.Polled(_metrics.Time.GetUtcNow().ToUnixTimeMilliseconds(), timestampMs);
        }

        // The target keeps the source timestamp whatever the source topic's timestamp type was.
        message.Timestamp = timestampMs >= 0 ? new Timestamp(timestampMs, TimestampType.CreateTime) : Timestamp.Default;
        if (_sabotage is null)
        {
            Produce(message, flow, record.Offset.Value, flow.Target, syncable: true);
        }
        else
        {
            Send(_sabotage.Apply(new Outgoing(message, flow.Source, record.Offset.Value, flow.Target.Partition.Value), flow.TargetPartitions));
        }
    }

    private void Send(List<Outgoing> records)
    {
        foreach (var record in records)
        {
            var flow = _flows[record.Source];
            var misrouted = record.Partition != flow.Target.Partition.Value;
            var target = misrouted ? new TopicPartition(flow.Target.Topic, record.Partition) : flow.Target;
            // A misrouted record's position describes another partition: syncing it would be a second, unasked-for defect.
            Produce(record.Message, flow, record.SourceOffset, target, syncable: !misrouted);
        }
    }

    private void Produce(Message<byte[]?, byte[]?> message, PartitionFlow flow, long sourceOffset, TopicPartition target, bool syncable)
    {
        var offsetSyncs = syncable ? flow.OffsetSyncs : null;
        var valueBytes = message.Value?.Length ?? 0;
        var timestampMs = message.Timestamp.Type == TimestampType.CreateTime ? message.Timestamp.UnixTimestampMs : -1;
        while (true)
        {
            try
            {
                _producer.Produce(target, message, report =>
                {
                    if (report.Error.IsError)
                    {
                        _failure = $"record {flow.Source.Topic}/{flow.Source.Partition}@{sourceOffset} was not written: {report.Error.Reason}";
                        return;
                    }

                    var now = _metrics.Time.GetUtcNow().ToUnixTimeMilliseconds();
                    flow.Progress.Acknowledged(sourceOffset);
                    flow.Metrics.Replicated(valueBytes, now, timestampMs < 0 ? now : timestampMs);
                    offsetSyncs?.Acknowledged(sourceOffset, report.Offset.Value);
                });
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                if (_stopping)
                {
                    // Never acknowledged, so saved progress does not claim it: the next run copies it.
                    return;
                }

                // Backpressure: the target is behind, so stop reading until it takes what is queued. The producer's
                // own thread serves delivery reports meanwhile; polling here too could reorder them.
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>Releases the clients.</summary>
    public void Dispose()
    {
        // The last word on lag stays readable for the final metrics sample.
        _finalLag = CurrentLag().ToList();
        _disposed = true;
        try
        {
            _consumer.Close();
        }
        catch (KafkaException)
        {
            // Closing an assign-only consumer has nothing to commit; a broker error here changes nothing.
        }

        _consumer.Dispose();
        _producer.Dispose();
    }
}
