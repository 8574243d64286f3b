using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Confluent.Kafka;
using Harness.RdKafka;
using Harness.Replicator.Clients;
using Harness.Replicator.Configuration;
using Harness.Replicator.Metrics;
using Harness.Replicator.OffsetSyncs;
using Harness.Replicator.Progress;
using Harness.Replicator.Throttling;

namespace Harness.Replicator.Source;

/// <summary>
/// One replication task: consumes its assigned source partitions and produces each record to the same
/// partition of the remote topic with key, value, headers and timestamp unchanged. Runs on its own thread, which
/// also serves the producer's delivery reports in batches, so every client call of the task happens on one thread
/// and a record never becomes a managed object: it goes from librdkafka's consumer memory straight into
/// <c>rd_kafka_produceva</c>, and its delivery report carries the source partition and offset in its opaque.
/// Memory stays bounded at any input rate: the consumer's prefetch queue and the producer's queue both have byte
/// limits, and a full producer queue stops consumption.
/// </summary>
[SkipLocalsInit]
internal sealed unsafe class MirrorWorker : IDisposable, IDeliveredMessageSink
{
    private const int ConsumeBatch = 1024;

    /// <summary>
    /// How long an idle task waits for records or delivery reports. librdkafka's batch consume waits for a full
    /// batch or the timeout, so this is also the latency a trickle of records sees on top of the fetch.
    /// </summary>
    private const int IdleWaitMs = 5;

    /// <summary>The opaque of a produced record: flow index in the high 16 bits, source offset in the low 48.</summary>
    private const int OffsetBits = 48;
    private const long OffsetMask = (1L << OffsetBits) - 1;
    private const int MaxFlows = 1 << (64 - OffsetBits);

    /// <summary>RD_KAFKA_RESP_ERR__FATAL: the idempotent producer can no longer guarantee order and must stop.</summary>
    private const int FatalErrorCode = -150;

    private readonly ReplicatorSettings _settings;
    private readonly AckTracker _acks;
    private readonly ReplicatorMetrics _metrics;
    private readonly OffsetSyncWriter? _offsetSyncs;
    private readonly NativeConsumer _consumer;
    private readonly NativeProducer _producer;
    private readonly Sabotage? _sabotage;
    private readonly RecordThrottle? _throttle;

    // Copies of the records the target has not acknowledged yet, by opaque, when they are held on the heap as a JVM holds them.
    private readonly Dictionary<nint, byte[]>? _onHeap;

    // Task-thread state: the flows by index (the index travels in the opaque), and how records find them.
    private readonly List<PartitionFlow> _flows = [];
    private readonly List<nint> _targetTopics = [];
    private readonly List<int> _targetPartitions = [];
    private readonly List<bool> _flowFailed = [];
    private readonly Dictionary<(string Topic, int Partition), int> _flowIndex = [];
    private readonly Dictionary<(nint Topic, int Partition), int> _flowByHandle = [];
    private readonly nint[] _batch = new nint[ConsumeBatch];
    private (nint Topic, int Partition) _lastHandle = (-1, -1);
    private int _lastFlow = -1;

    private readonly ConcurrentDictionary<(string Topic, int Partition), PartitionFlow> _assigned = new();
    private readonly ConcurrentQueue<PartitionAssignment> _toAssign = new();
    private readonly Lock _clientGate = new();
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
        _onHeap = settings.RecordsOnHeap ? [] : null;
        _throttle = settings.ThrottleRecordsPerSecondPerTask > 0 ? new RecordThrottle(settings.ThrottleRecordsPerSecondPerTask, metrics.Time) : null;
        var consumerConfig = new ConsumerConfig
        {
            GroupId = $"mm2-{settings.SourceAlias}-{settings.TargetAlias}-task-{id}", // assign() only: never joins or commits
            ClientId = $"harness-replicator-{settings.SourceAlias}-consumer-{id}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // About 0.1 s of records at full speed (the producer's queue holds 0.2 s): bigger buffers only cost memory,
            // halving both took 20-70 MiB off the peak RSS with no change in rate (bench/replicator).
            QueuedMaxMessagesKbytes = 8 * 1024,
            FetchWaitMaxMs = 100,
            EnablePartitionEof = settings.Sabotage.ReorderEvery > 0 || settings.Sabotage.DropLatestKeyEvery > 0,

            // Committed records only (librdkafka's default, stated here): an aborted transaction's records must not be
            // copied. The sabotage switch reads them as well, so the verifier can be shown to catch it.
            IsolationLevel = settings.Sabotage.CopyAborted ? IsolationLevel.ReadUncommitted : IsolationLevel.ReadCommitted,
        };

        // librdkafka stops fetching for a whole second (its default) whenever its local queue is full; a short pause
        // keeps a backlogged source flowing as soon as the producer has caught up.
        consumerConfig.Set("fetch.queue.backoff.ms", "10");
        _consumer = source.NativeConsumer(consumerConfig);
        try
        {
            _producer = target.NativeProducer(
                new ProducerConfig
                {
                    ClientId = $"harness-replicator-{settings.TargetAlias}-producer-{id}",
                    Acks = Acks.All,
                    EnableIdempotence = true,
                    LingerMs = 5,
                    MessageTimeoutMs = 0, // retry for ever: giving up on a record would be data loss
                    // A Java producer's buffer.memory when records are held on the heap as a JVM holds them.
                    QueueBufferingMaxKbytes = (settings.RecordsOnHeap ? 32 : 16) * 1024,
                });
        }
        catch
        {
            _consumer.Dispose();
            throw;
        }

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
        var started = _metrics.Time.GetTimestamp();
        while (_thread.IsAlive && !_stopping && _consumerPaused != _paused)
        {
            if (_metrics.Time.GetElapsedTime(started) > timeout)
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
    public IEnumerable<KeyValuePair<(string Topic, int Partition), long>> Lag()
    {
        lock (_clientGate)
        {
            return _disposed ? _finalLag : CurrentLag();
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

        // The task thread has ended, so this thread may serve the last delivery reports.
        var started = _metrics.Time.GetTimestamp();
        while (_producer.QueueLength > 0 && _metrics.Time.GetElapsedTime(started) < flushTimeout)
        {
            _producer.Poll(100, this);
        }

        return _producer.QueueLength == 0;
    }

    /// <summary>Delivery reports, on the task thread (or on the stopping thread once the task thread has ended).</summary>
    public void Delivered(ReadOnlySpan<nint> messages)
    {
        var now = _metrics.Time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var pointer in messages)
        {
            var message = (RdKafkaMessage*)pointer;
            _onHeap?.Remove(message->Opaque);
            var opaque = (long)message->Opaque;
            var index = (int)((ulong)opaque >> OffsetBits);
            var sourceOffset = opaque & OffsetMask;
            var flow = _flows[index];
            if (message->Error != 0)
            {
                if (!_flowFailed[index])
                {
                    // Later acknowledgements of this partition must not carry saved progress past the lost record.
                    _flowFailed[index] = true;
                    _failure ??= message->Error == FatalErrorCode
                        ? $"target producer failed: {_producer.FatalError() ?? "fatal error"}"
                        : string.Create(CultureInfo.InvariantCulture, $"record {flow.Source.Topic}/{flow.Source.Partition}@{sourceOffset} was not written: {LibRdKafka.Text(LibRdKafka.ErrorToString(message->Error))}");
                }

                continue;
            }

            if (_flowFailed[index])
            {
                continue;
            }

            var timestampMs = NativeConsumer.Timestamp(message);
            flow.Progress.Acknowledged(sourceOffset);
            flow.Metrics.Replicated((int)message->Length, now, timestampMs < 0 ? now : timestampMs);

            // A record sabotage misrouted landed in another partition: its position there says nothing about this one.
            if (message->Partition == _targetPartitions[index])
            {
                flow.OffsetSyncs?.Acknowledged(sourceOffset, message->Offset);
            }
        }
    }

    private List<KeyValuePair<(string Topic, int Partition), long>> CurrentLag()
    {
        var lag = new List<KeyValuePair<(string Topic, int Partition), long>>();
        foreach (var key in _assigned.Keys)
        {
            // librdkafka's cached watermarks are thread-safe to read; a partition not yet assigned has none.
            var (_, high) = _consumer.CachedWatermarks(key.Topic, key.Partition);
            if (high >= 0 && _acks.Next(key) is { } next)
            {
                lag.Add(new(key, Math.Max(0, high - next)));
            }
        }

        return lag;
    }

    private void Run()
    {
        try
        {
            var nowMs = 0L;
            while (!_stopping && _failure is null)
            {
                ApplyAssignments();
                ApplyPause();

                // With records in flight, waiting is the producer's job (its reports wake it); otherwise the consumer's.
                var inFlight = _producer.QueueLength > 0;
                var allowed = _throttle?.Allowance(ConsumeBatch) ?? ConsumeBatch;
                if (allowed == 0)
                {
                    // Throttled: the wait serves delivery reports instead of sleeping, so acknowledgements keep flowing.
                    _producer.Poll(Math.Clamp((int)Math.Ceiling(_throttle!.UntilNext().TotalMilliseconds), 1, IdleWaitMs), this);
                    continue;
                }

                var count = _consumer.Consume(inFlight ? 0 : IdleWaitMs, _batch.AsSpan(0, allowed));
                _throttle?.Spend(count);
                if (count > 0)
                {
                    nowMs = _metrics.Time.GetUtcNow().ToUnixTimeMilliseconds();
                }

                var i = 0;
                try
                {
                    for (; i < count && _failure is null; i++)
                    {
                        Replicate((RdKafkaMessage*)_batch[i], nowMs);
                        NativeConsumer.Release(_batch[i]);
                    }
                }
                finally
                {
                    for (; i < count; i++)
                    {
                        NativeConsumer.Release(_batch[i]);
                    }
                }

                _producer.Poll(count == 0 && inFlight ? IdleWaitMs : 0, this);
            }

            if (_sabotage is not null)
            {
                Send(_sabotage.ReleaseHeld());
            }
        }
        catch (InvalidOperationException e)
        {
            _failure ??= $"source consumer failed: {e.Message}";
        }
        catch (KafkaException e)
        {
            // Thrown on this thread by a client call (an offset-sync write, a producer turned fatal): escaping would
            // take the process down with a stack trace and no reason in the log; failing the task says why and exits 1.
            _failure ??= $"task {Id} stopped: {e.Message} ({e.Error.Code})";
        }
    }

    private void ApplyPause()
    {
        var paused = _paused;
        if (paused == _consumerPaused)
        {
            return;
        }

        // Paused partitions keep the consumer served without fetching; what is already queued is still copied.
        if (paused)
        {
            _consumer.Pause(_flowIndex.Keys);
        }
        else
        {
            _consumer.Resume(_flowIndex.Keys);
        }

        _consumerPaused = paused;
    }

    private void ApplyAssignments()
    {
        if (_toAssign.IsEmpty)
        {
            return;
        }

        var added = new List<(string Topic, int Partition, long Offset)>();
        while (_toAssign.TryDequeue(out var p))
        {
            var key = (p.Topic, p.Partition);
            var flow = _assigned[key];
            if (_flowIndex.TryGetValue(key, out var index))
            {
                _flows[index] = flow;
            }
            else
            {
                if (_flows.Count >= MaxFlows)
                {
                    throw new InvalidOperationException($"a task copies at most {MaxFlows} partitions; raise tasks.max");
                }

                _flowIndex[key] = _flows.Count;
                _flows.Add(flow);
                _targetTopics.Add(_producer.TopicHandleOf(flow.Target.Topic));
                _targetPartitions.Add(flow.Target.Partition.Value);
                _flowFailed.Add(false);
            }

            added.Add((p.Topic, p.Partition, p.StartOffset ?? LibRdKafka.OffsetBeginning));
        }

        _consumer.Assign(added);
        if (_consumerPaused)
        {
            _consumer.Pause(added.Select(a => (a.Topic, a.Partition)));
        }
    }

    private void Replicate(RdKafkaMessage* record, long nowMs)
    {
        if (record->Error != 0)
        {
            ConsumerError(record);
            return;
        }

        var index = FlowOf(record);
        if (index < 0)
        {
            return;
        }

        var flow = _flows[index];
        var timestampMs = NativeConsumer.Timestamp(record);
        if (timestampMs >= 0)
        {
            flow.Metrics.Polled(nowMs, timestampMs);
        }

        if (_onHeap is not null)
        {
            var copy = new byte[(int)record->KeyLength + (int)record->Length];
            new ReadOnlySpan<byte>((byte*)record->Key, (int)record->KeyLength).CopyTo(copy);
            new ReadOnlySpan<byte>((byte*)record->Payload, (int)record->Length).CopyTo(copy.AsSpan((int)record->KeyLength));
            _onHeap[Opaque(index, record->Offset)] = copy;
        }

        if (_sabotage is null)
        {
            ProduceInPlace(record, index, timestampMs);
        }
        else
        {
            var message = NativeRecords.ToMessage(record, timestampMs);
            Send(_sabotage.Apply(new Outgoing(message, flow.Source, record->Offset, _targetPartitions[index]), flow.TargetPartitions));
        }
    }

    private void ConsumerError(RdKafkaMessage* record)
    {
        if (record->Error == LibRdKafka.PartitionEof)
        {
            // Only sabotage asks for end-of-partition events: a record held back for reordering has no next record
            // to swap with, so it is written now rather than looking lost; records held to find each key's latest are
            // written now, without those.
            Send(_sabotage?.ReleaseHeld((NativeConsumer.TopicName(record), record->Partition)) ?? []);
        }
        else if (record->Error == FatalErrorCode)
        {
            _failure ??= $"source consumer failed: {LibRdKafka.Text(LibRdKafka.ErrorToString(record->Error))}";
        }

        // Anything else (a broker gone, a fetch that failed) librdkafka retries by itself; it is in the client log.
    }

    /// <summary>The flow of a consumed record, by librdkafka's topic handle (no string per record); -1 when not this task's.</summary>
    private int FlowOf(RdKafkaMessage* record)
    {
        var key = (record->Topic, record->Partition);
        if (key == _lastHandle)
        {
            return _lastFlow;
        }

        if (!_flowByHandle.TryGetValue(key, out var index))
        {
            if (!_flowIndex.TryGetValue((NativeConsumer.TopicName(record), record->Partition), out index))
            {
                return -1;
            }

            _flowByHandle[key] = index;
        }

        _lastHandle = key;
        _lastFlow = index;
        return index;
    }

    /// <summary>Hands a consumed record to the producer straight from the consumer's memory (librdkafka copies it).</summary>
    private void ProduceInPlace(RdKafkaMessage* record, int index, long timestampMs)
    {
        Span<VarArg> arguments = stackalloc VarArg[8];
        var n = 0;
        arguments[n++] = VarArg.Pointer(VarArgType.TopicHandle, _targetTopics[index]);
        arguments[n++] = VarArg.Integer(VarArgType.Partition, _targetPartitions[index]);
        arguments[n++] = VarArg.Memory(VarArgType.Key, (byte*)record->Key, (int)record->KeyLength);
        arguments[n++] = VarArg.Memory(VarArgType.Value, (byte*)record->Payload, (int)record->Length);
        arguments[n++] = VarArg.Integer(VarArgType.MessageFlags, LibRdKafka.MessageCopy);
        arguments[n++] = VarArg.Pointer(VarArgType.Opaque, Opaque(index, record->Offset));
        if (timestampMs >= 0)
        {
            // The target keeps the source timestamp whatever the source topic's timestamp type was.
            arguments[n++] = VarArg.Long(VarArgType.Timestamp, timestampMs);
        }

        var sourceHeaders = NativeConsumer.Headers(record);
        var headers = sourceHeaders == 0 ? 0 : LibRdKafka.HeadersCopy(sourceHeaders);
        if (headers != 0)
        {
            arguments[n++] = VarArg.Pointer(VarArgType.Headers, headers);
        }

        if (!TryProduce(arguments[..n]) && headers != 0)
        {
            // librdkafka owns the headers only once it took the record.
            LibRdKafka.HeadersDestroy(headers);
        }
    }

    /// <summary>
    /// Produces, serving delivery reports while the producer's queue is full (backpressure: reading stops until the
    /// target takes what is queued). False when the record was not taken: stopping (it was never acknowledged, so
    /// saved progress does not claim it and the next run copies it) or failed.
    /// </summary>
    private bool TryProduce(ReadOnlySpan<VarArg> arguments)
    {
        while (true)
        {
            try
            {
                if (_producer.TryProduce(arguments))
                {
                    return true;
                }
            }
            catch (InvalidOperationException e)
            {
                _failure ??= _producer.FatalError() is { } fatal ? $"target producer failed: {fatal}" : $"target producer failed: {e.Message}";
                return false;
            }

            if (_stopping || _failure is not null)
            {
                return false;
            }

            _producer.Poll(IdleWaitMs, this);
        }
    }

    /// <summary>The sabotage path: records as managed messages, possibly dropped, duplicated, reordered, misrouted or corrupted.</summary>
    private void Send(List<Outgoing> records)
    {
        foreach (var record in records)
        {
            ProduceManaged(record, _flowIndex[record.Source]);
        }
    }

    private void ProduceManaged(Outgoing record, int index)
    {
        var message = record.Message;
        var (buffer, key, value, headers) = NativeRecords.Layout(message);
        Span<VarArg> arguments = stackalloc VarArg[7 + headers.Length];
        fixed (byte* bytes = buffer)
        {
            var n = 0;
            arguments[n++] = VarArg.Pointer(VarArgType.TopicHandle, _targetTopics[index]);
            arguments[n++] = VarArg.Integer(VarArgType.Partition, record.Partition);
            arguments[n++] = VarArg.Memory(VarArgType.Key, key < 0 ? null : bytes + key, message.Key?.Length ?? 0);
            arguments[n++] = VarArg.Memory(VarArgType.Value, value < 0 ? null : bytes + value, message.Value?.Length ?? 0);
            arguments[n++] = VarArg.Integer(VarArgType.MessageFlags, LibRdKafka.MessageCopy);
            arguments[n++] = VarArg.Pointer(VarArgType.Opaque, Opaque(index, record.SourceOffset));
            if (message.Timestamp.Type != TimestampType.NotAvailable)
            {
                arguments[n++] = VarArg.Long(VarArgType.Timestamp, message.Timestamp.UnixTimestampMs);
            }

            foreach (var (name, headerValue, length) in headers)
            {
                arguments[n++] = VarArg.Header(bytes + name, headerValue < 0 ? null : bytes + headerValue, length);
            }

            TryProduce(arguments[..n]);
        }
    }

    private static nint Opaque(int index, long sourceOffset) => (nint)(((long)index << OffsetBits) | (sourceOffset & OffsetMask));

    /// <summary>Releases the clients.</summary>
    public void Dispose()
    {
        lock (_clientGate)
        {
            // The last word on lag stays readable for the final metrics sample.
            _finalLag = CurrentLag();
            _disposed = true;
        }

        _consumer.Dispose();
        _producer.Dispose();
    }
}
