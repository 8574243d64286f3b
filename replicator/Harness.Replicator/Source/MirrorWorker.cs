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
    private readonly Dictionary<(string Topic, int Partition), PartitionRoute> _routes = [];
    private readonly ConcurrentDictionary<(string Topic, int Partition), PartitionRoute> _assigned = new();
    private readonly ConcurrentQueue<PartitionAssignment> _toAssign = new();
    private readonly Thread _thread;
    private volatile bool _stopping;
    private volatile bool _paused;
    private volatile string? _failure;
    private bool _consumerPaused;

    public MirrorWorker(int id, ReplicatorSettings settings, KafkaClients source, KafkaClients target, AckTracker acks, ReplicatorMetrics metrics, OffsetSyncWriter? offsetSyncs)
    {
        Id = id;
        _settings = settings;
        _acks = acks;
        _metrics = metrics;
        _offsetSyncs = offsetSyncs;
        _sabotage = settings.Sabotage.Any ? new Sabotage(settings.Sabotage) : null;
        _consumer = source.Consumer(new ConsumerConfig
        {
            GroupId = $"mm2-{settings.SourceAlias}-{settings.TargetAlias}-task-{id}", // assign() only: never joins or commits
            ClientId = $"harness-replicator-{settings.SourceAlias}-consumer-{id}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            QueuedMaxMessagesKbytes = 16 * 1024,
            FetchWaitMaxMs = 100,
        });
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

    /// <summary>The source partitions of this task.</summary>
    public IReadOnlyCollection<(string Topic, int Partition)> Partitions => _assigned.Keys.ToList();

    /// <summary>Adds source partitions; the task thread picks them up.</summary>
    public void Assign(IEnumerable<PartitionAssignment> partitions)
    {
        foreach (var p in partitions)
        {
            _acks.Start((p.Topic, p.Partition), p.StartOffset ?? 0);
            _assigned[(p.Topic, p.Partition)] = new PartitionRoute(
                new TopicPartition(_settings.RemoteTopic(p.Topic), p.Partition), p.TargetPartitions, _metrics.Partition(p.Topic, p.Partition));
            _toAssign.Enqueue(p);
        }
    }

    /// <summary>Source records not yet acknowledged per partition, from the high watermark of the consumer's last fetch.</summary>
    public IEnumerable<KeyValuePair<(string Topic, int Partition), long>> Lag()
    {
        foreach (var key in _assigned.Keys)
        {
            WatermarkOffsets watermarks;
            try
            {
                watermarks = _consumer.GetWatermarkOffsets(new TopicPartition(key.Topic, key.Partition));
            }
            catch (KafkaException)
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
                if (_paused != _consumerPaused)
                {
                    // Paused partitions keep the consumer polled (no poll-interval trouble) without fetching.
                    if (_paused)
                    {
                        _consumer.Pause(_consumer.Assignment);
                    }
                    else
                    {
                        _consumer.Resume(_consumer.Assignment);
                    }

                    _consumerPaused = _paused;
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

                if (result is null || result.IsPartitionEOF)
                {
                    if (_sabotage is not null)
                    {
                        Send(_sabotage.ReleaseHeld());
                    }

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
            _routes[(p.Topic, p.Partition)] = _assigned[(p.Topic, p.Partition)];
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
        var source = (record.Topic, record.Partition.Value);
        var route = _routes[source];
        var message = record.Message;
        var timestampMs = message.Timestamp.Type == TimestampType.NotAvailable ? -1 : message.Timestamp.UnixTimestampMs;
        if (timestampMs >= 0)
        {
            route.Metrics.Polled(_metrics.Time.GetUtcNow().ToUnixTimeMilliseconds(), timestampMs);
        }

        // The target keeps the source timestamp whatever the source topic's timestamp type was.
        message.Timestamp = timestampMs >= 0 ? new Timestamp(timestampMs, TimestampType.CreateTime) : Timestamp.Default;
        var outgoing = new Outgoing(message, source, record.Offset.Value, source.Value);
        if (_sabotage is null)
        {
            Produce(outgoing, route);
        }
        else
        {
            Send(_sabotage.Apply(outgoing, route.TargetPartitions));
        }
    }

    private void Send(List<Outgoing> records)
    {
        foreach (var record in records)
        {
            Produce(record, _routes[record.Source]);
        }
    }

    private void Produce(Outgoing record, PartitionRoute route)
    {
        var target = record.Partition == route.Target.Partition.Value ? route.Target : new TopicPartition(route.Target.Topic, record.Partition);
        var valueBytes = record.Message.Value?.Length ?? 0;
        var timestampMs = record.Message.Timestamp.Type == TimestampType.CreateTime ? record.Message.Timestamp.UnixTimestampMs : -1;
        var source = record.Source;
        var sourceOffset = record.SourceOffset;
        while (true)
        {
            try
            {
                _producer.Produce(target, record.Message, report =>
                {
                    if (report.Error.IsError)
                    {
                        _failure = $"record {source.Topic}/{source.Partition}@{sourceOffset} was not written: {report.Error.Reason}";
                        return;
                    }

                    var now = _metrics.Time.GetUtcNow().ToUnixTimeMilliseconds();
                    _acks.Acknowledged(source, sourceOffset);
                    route.Metrics.Replicated(valueBytes, now, timestampMs < 0 ? now : timestampMs);
                    _offsetSyncs?.Acknowledged(source.Topic, source.Partition, sourceOffset, report.Offset.Value);
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
