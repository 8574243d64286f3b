using Harness.Engine.Clients;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Harness.Broker.Records;
using Harness.Engine.Load.Model;
using Harness.Engine.Runs;
using Harness.RdKafka;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Load;

/// <summary>
/// One producer of one topic, on its own thread: sends its share of the topic (open model: on schedule, however slow
/// the cluster; closed model: a fixed number of records in flight), stamps every record and writes every
/// acknowledgement into the ledger. Delivery reports are served on the same thread between sends.
/// </summary>
[SkipLocalsInit]
internal sealed unsafe class TopicProducer : IDeliverySink
{
    private const int PollEvery = 1024;

    /// <summary>Records stamped with one reading of the wall clock: reading it costs about as much as building a record.</summary>
    private const int ClockEvery = 64;
    private const int MaxWaitMs = 20;
    private const int QueueFullWaitMs = 5;

    private static readonly TimeSpan FlushPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long one transactional call may block; a retriable failure (a coordinator moving after a broker kill) is
    /// retried, so this only bounds how late a cancellation is noticed.
    /// </summary>
    private const int TransactionCallMs = 10_000;

    private readonly TopicSpec _topic;
    private readonly ushort _topicIndex;
    private readonly ushort _producerId;
    private readonly ulong _runId;
    private readonly InjectionSchedule? _share;
    private readonly int _copies;
    private readonly RecordSampler _sampler;
    private readonly StickyPartitioner _partitioner;
    private readonly ValueSource _values;
    private readonly Ledger _ledger;
    private readonly LoadCounters _counters;
    private readonly RunClock _clock;
    private readonly KafkaEndpoint _bootstrap;
    private readonly long[] _sequences;
    private readonly PartitionLedger?[] _partitionLedgers;
    private readonly byte[] _headerNames;
    private readonly int[] _headerNameOffsets;
    private long _sent;
    private long _acknowledged;
    private long _failed;
    private long _unreportedSent;
    private long _timestamp;
    private readonly long[] _transactionStart;

    /// <summary>The topic's <see cref="ProducerSettings.Transactional"/>, read once: every record asks.</summary>
    private readonly bool _transactional;

    /// <summary>The topic's <see cref="TopicSpec.Compacted"/>: the ledger then keeps each key's latest record.</summary>
    private readonly bool _compacted;
    private bool _inTransaction;
    private int _transactionSent;
    private long _transactions;
    private CancellationToken _cancellation;
    private byte[] _scratch = [];
    private byte* _scratchStart;

    public TopicProducer(TopicSpec topic, ushort topicIndex, ushort producerId, int producerCount, ulong runId, long seed,
        ValueSource values, Ledger ledger, LoadCounters counters, RunClock clock, KafkaEndpoint bootstrap)
    {
        _topic = topic;
        _topicIndex = topicIndex;
        _producerId = producerId;
        _runId = runId;
        var whole = topic.CreateSchedule();
        _share = whole is null ? null : producerCount == 1 ? whole : whole.ForShare(producerId, producerCount);
        _copies = topic.Rate is ClosedLoadModel closed ? Math.Max(1, (closed.Copies / producerCount) + (producerId < closed.Copies % producerCount ? 1 : 0)) : 0;
        _sampler = topic.CreateSampler(seed);
        var recordsPerBatch = StickyPartitioner.RecordsPerBatch(topic.Producer.BatchSize ?? ProducerProperties.DefaultBatchSize, AverageRecordBytes(topic));
        _partitioner = new StickyPartitioner(topic.Partitions, recordsPerBatch, DeterministicRandom.StreamSeed(seed, topic.DeclaredName + "/partitions"), whole, producerId, producerCount);
        _values = values;
        _ledger = ledger;
        _counters = counters;
        _clock = clock;
        _bootstrap = bootstrap;
        _sequences = new long[topic.Partitions];
        _partitionLedgers = new PartitionLedger?[topic.Partitions];
        _transactionStart = new long[topic.Partitions];
        _transactional = topic.Producer.Transactional;
        _compacted = topic.Compacted;
        (_headerNames, _headerNameOffsets) = HeaderNames(topic.Headers.Count);
    }

    /// <summary>Records sent and not yet reported delivered or failed.</summary>
    private long InFlight => _sent - _acknowledged - _failed;

    public void Run(CancellationToken cancellation)
    {
        using var producer = new NativeProducer(ProducerProperties.For(_topic, _producerId, _bootstrap, _runId), _topic.Name);
        _cancellation = cancellation;
        if (_transactional)
        {
            Transact(producer.InitTransactions, "initialise transactions");
        }

        if (_share is not null)
        {
            RunOpen(producer, _share, cancellation);
        }
        else
        {
            RunClosed(producer, cancellation);
        }

        if (_inTransaction)
        {
            EndTransaction(producer, abort: false);
        }

        // Wait for every acknowledgement: the ledger must be complete before verification.
        ReportSent();
        while (InFlight > 0)
        {
            if (cancellation.IsCancellationRequested)
            {
                producer.Purge();
                producer.Poll(0, this);
                break;
            }

            producer.Poll((int)FlushPoll.TotalMilliseconds, this);
        }
    }

    public void Delivered(ReadOnlySpan<Delivery> deliveries)
    {
        long acknowledged = 0, failed = 0;
        var run = 0;
        for (var i = 0; i < deliveries.Length; i++)
        {
            var delivery = deliveries[i];
            if (delivery.Error != 0 || delivery.Partition < 0 || delivery.Partition >= _partitionLedgers.Length)
            {
                failed++;
                continue;
            }

            acknowledged++;
            run++;

            // A produce batch comes back as consecutive sequences at consecutive offsets: one ledger entry per run.
            var next = i + 1 < deliveries.Length ? deliveries[i + 1] : default;
            if (i + 1 < deliveries.Length && next.Error == 0 && next.Partition == delivery.Partition
                && next.Opaque == delivery.Opaque + 1 && next.Offset == delivery.Offset + 1)
            {
                continue;
            }

            _partitionLedgers[delivery.Partition]!.Acknowledged(delivery.Opaque - run + 1, delivery.Offset - run + 1, run);
            run = 0;
        }

        _acknowledged += acknowledged;
        _failed += failed;
        _counters.AddAcknowledged(acknowledged, _clock.Elapsed);
        _counters.AddFailed(failed);
    }

    /// <summary>The open model: send what the schedule says is due, sleep (serving deliveries) until the next record is.</summary>
    private void RunOpen(NativeProducer producer, InjectionSchedule share, CancellationToken cancellation)
    {
        long dueSeen = 0;
        var total = share.Total;
        while (_sent < total && !cancellation.IsCancellationRequested)
        {
            var due = share.Due(_clock.Elapsed);
            _timestamp = _clock.UtcNow.ToUnixTimeMilliseconds();
            if (due > dueSeen)
            {
                _counters.AddDue(due - dueSeen);
                dueSeen = due;
            }

            while (_sent < due && !cancellation.IsCancellationRequested)
            {
                if (!TrySend(producer, share.GlobalOrdinal(_sent)))
                {
                    ReportSent();
                    producer.Poll(QueueFullWaitMs, this);
                }
                else if (_sent % PollEvery == 0)
                {
                    ReportSent();
                    producer.Poll(0, this);
                }
            }

            ReportSent();
            if (_sent >= total)
            {
                break;
            }

            var wait = (share.WhenDue(_sent + 1) ?? TimeSpan.Zero) - _clock.Elapsed;

            // Sleep in librdkafka's queue, so deliveries are served while waiting; at least a millisecond, so a
            // fast schedule sends small bursts instead of spinning.
            producer.Poll(Math.Clamp((int)Math.Ceiling(wait.TotalMilliseconds), 1, MaxWaitMs), this);
        }
    }

    /// <summary>The closed model (keepConstant): keep this producer's copies in flight until the load's end.</summary>
    private void RunClosed(NativeProducer producer, CancellationToken cancellation)
    {
        var end = (_topic.Rate as ClosedLoadModel)?.During ?? _topic.Duration;
        var limit = _topic.Records ?? long.MaxValue;
        var producers = Math.Max(1, _topic.Producers);
        while (!cancellation.IsCancellationRequested && (end is null || _clock.Elapsed < end))
        {
            var ordinal = _producerId + (_sent * producers);
            if (ordinal >= limit)
            {
                break;
            }

            if (InFlight >= _copies)
            {
                ReportSent();
                producer.Poll(QueueFullWaitMs, this);
                _timestamp = _clock.UtcNow.ToUnixTimeMilliseconds();
                continue;
            }

            if (TrySend(producer, ordinal))
            {
                // A closed model has no schedule of its own: what it sends is what was due.
                _counters.AddDue(1);
            }
            else
            {
                ReportSent();
                producer.Poll(QueueFullWaitMs, this);
            }
        }
    }

    private void ReportSent()
    {
        if (_unreportedSent > 0)
        {
            _counters.AddSent(_unreportedSent, _clock.Elapsed);
            _unreportedSent = 0;
        }
    }

    /// <summary>
    /// Builds record <paramref name="ordinal"/> and hands it to librdkafka; false when its queue is full. A
    /// transactional producer begins a transaction before the record when none is open, and ends it after the
    /// record that completes it.
    /// </summary>
    private bool TrySend(NativeProducer producer, long ordinal)
    {
        if (!_transactional)
        {
            return TrySendRecord(producer, ordinal);
        }

        if (!_inTransaction)
        {
            if (Transact(_ => producer.BeginTransaction(), "begin a transaction") is not null)
            {
                return false; // cancelled
            }

            _sequences.CopyTo(_transactionStart, 0);
            _inTransaction = true;
        }

        bool sent;
        try
        {
            sent = TrySendRecord(producer, ordinal);
        }
        catch (InvalidOperationException) when (_transactionSent > 0)
        {
            // librdkafka refuses records once the transaction can only be aborted: abort it, and the record goes
            // into the next one. A record refused as the first of a fresh transaction is refused for itself, and throws.
            EndTransaction(producer, abort: true);
            return false;
        }

        if (sent && ++_transactionSent >= _topic.Producer.TransactionRecords)
        {
            EndTransaction(producer, abort: false);
        }

        return sent;
    }

    /// <summary>
    /// Commits the open transaction, or aborts it when it is the every-K-th, when <paramref name="abort"/> says so,
    /// when the run is cancelled or when librdkafka says it can no longer commit. Every delivery report of the
    /// transaction is served first, so an aborted transaction's acknowledgements are all in the ledger before they
    /// are taken back out of it as aborted.
    /// </summary>
    private void EndTransaction(NativeProducer producer, bool abort)
    {
        ReportSent();
        while (InFlight > 0 && !_cancellation.IsCancellationRequested)
        {
            producer.Poll((int)FlushPoll.TotalMilliseconds, this);
        }

        _transactions++;
        var abortEvery = _topic.Producer.AbortEvery;
        abort |= _cancellation.IsCancellationRequested || (abortEvery > 0 && _transactions % abortEvery == 0);
        if (!abort && Transact(producer.CommitTransaction, "commit a transaction", abortable: true) is not null)
        {
            abort = true;
        }

        if (abort)
        {
            try
            {
                Transact(producer.AbortTransaction, "abort a transaction");
            }
            finally
            {
                // Even a failed abort leaves the records uncommitted: the coordinator aborts them at the transaction
                // timeout, so they are aborted records either way.
                for (var p = 0; p < _sequences.Length; p++)
                {
                    if (_sequences[p] > _transactionStart[p])
                    {
                        (_partitionLedgers[p] ??= _ledger.For(_topic.Name, p, _producerId)).Aborted(_transactionStart[p], _sequences[p]);
                    }
                }
            }
        }

        // A cancelled abort may leave deliveries unserved: they come back as failures, and the ledger has them as aborted.
        producer.Poll(0, this);
        _inTransaction = false;
        _transactionSent = 0;
    }

    /// <summary>
    /// Calls a transactional API until it succeeds, repeating it while librdkafka calls the failure retriable. Returns
    /// the error when <paramref name="abortable"/> and the transaction has to be aborted, or when the run is cancelled
    /// (the coordinator then aborts what is left at its timeout); anything else (fenced, fatal) ends the load with a
    /// one-line error.
    /// </summary>
    private TransactionError? Transact(Func<int, TransactionError?> call, string what, bool abortable = false)
    {
        while (true)
        {
            var error = call(TransactionCallMs);
            if (error is null || (abortable && error.Kind == TransactionErrorKind.Abortable) || _cancellation.IsCancellationRequested)
            {
                return error;
            }

            if (error.Kind != TransactionErrorKind.Retriable)
            {
                throw new HarnessException(string.Create(CultureInfo.InvariantCulture,
                    $"load producer {_producerId} of {_topic.Name} could not {what}: {error}"));
            }
        }
    }

    /// <summary>Builds record <paramref name="ordinal"/> and hands it to librdkafka; false when its queue is full.</summary>
    private bool TrySendRecord(NativeProducer producer, long ordinal)
    {
        var sample = _sampler.Sample(ordinal);
        Span<byte> key = stackalloc byte[32];
        var keyLength = sample.KeyIndex is { } index ? FormatKey(index, key) : -1;
        var keyBytes = keyLength < 0 ? ReadOnlySpan<byte>.Empty : key[..keyLength];
        // A tombstone has a null value, so its stamp goes in a header whatever the topic's placement.
        var tombstone = keyLength >= 0 && _sampler.IsTombstone(ordinal);
        var value = tombstone ? default : _values.Value(ordinal, sample.ValueSize);
        var valuePointer = tombstone ? null : _values.Pointer(ordinal, sample.ValueSize);
        var headerSize = Math.Clamp(sample.HeaderSize, 0, ValueSource.MaxSize);
        var partition = keyLength < 0 ? _partitioner.PartitionOf(ordinal) : (int)(Crc32C.Compute(keyBytes) % (uint)_topic.Partitions);
        var sequence = _sequences[partition];
        if (_sent % ClockEvery == 0)
        {
            _timestamp = _clock.UtcNow.ToUnixTimeMilliseconds();
        }

        var timestamp = _timestamp;
        var stampInValue = !tombstone && _topic.Stamp == StampPlacement.Value && value.Length >= ValueStamp.Size;
        Span<byte> stamp = stackalloc byte[RecordStamp.Size];
        if (stampInValue)
        {
            // The value is the stamp followed by the seeded bytes after it; librdkafka copies it before this
            // returns, so one scratch buffer serves every record.
            var content = value[ValueStamp.Size..];
            var stamped = Scratch(value.Length);
            content.CopyTo(stamped[ValueStamp.Size..]);
            ValueStamp.Write(new RecordStamp(_runId, _topicIndex, _producerId, partition, sequence, timestamp, RecordStamp.HashContent(keyBytes, content)), stamped);
            valuePointer = _scratchStart;
        }
        else
        {
            new RecordStamp(_runId, _topicIndex, _producerId, partition, sequence, timestamp, RecordStamp.HashContent(keyBytes, value)).EncodeTo(stamp);
        }

        _partitionLedgers[partition] ??= _ledger.For(_topic.Name, partition, _producerId);

        var headerCount = Math.Min(sample.HeaderCount, _headerNameOffsets.Length);
        Span<VarArg> arguments = stackalloc VarArg[8 + headerCount];
        var stampName = RecordStampName;
        fixed (byte* keyPointer = key)
        fixed (byte* stampPointer = stamp)
        fixed (byte* stampNamePointer = stampName)
        {
            var names = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_headerNames));
            var count = 0;
            arguments[count++] = VarArg.Pointer(VarArgType.TopicHandle, producer.TopicHandle);
            arguments[count++] = VarArg.Integer(VarArgType.Partition, partition);
            arguments[count++] = VarArg.Memory(VarArgType.Value, valuePointer, value.Length);
            if (keyLength >= 0)
            {
                arguments[count++] = VarArg.Memory(VarArgType.Key, keyPointer, keyLength);
            }

            arguments[count++] = VarArg.Pointer(VarArgType.Opaque, (nint)sequence);
            arguments[count++] = VarArg.Integer(VarArgType.MessageFlags, LibRdKafka.MessageCopy);
            arguments[count++] = VarArg.Long(VarArgType.Timestamp, timestamp);
            if (!stampInValue)
            {
                arguments[count++] = VarArg.Header(stampNamePointer, stampPointer, RecordStamp.Size);
            }

            for (var h = 0; h < headerCount; h++)
            {
                arguments[count++] = VarArg.Header(names + _headerNameOffsets[h], _values.Pointer(ordinal + h, headerSize), headerSize);
            }

            if (!producer.TryProduce(arguments[..count]))
            {
                return false;
            }
        }

        if (_compacted && sample.KeyIndex is { } keyIndex)
        {
            _partitionLedgers[partition]!.KeySent(keyIndex, sequence, tombstone);
        }

        _sequences[partition] = sequence + 1;
        _sent++;
        _unreportedSent++;
        return true;
    }

    /// <summary>A pinned buffer of at least <paramref name="size"/> bytes for a stamped value, grown as larger values come.</summary>
    private Span<byte> Scratch(int size)
    {
        if (_scratch.Length < size)
        {
            _scratch = GC.AllocateUninitializedArray<byte>(Math.Max(size, 2 * _scratch.Length), pinned: true);
            _scratchStart = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_scratch));
        }

        return _scratch.AsSpan(0, size);
    }

    /// <summary>The stamp header's name, NUL-terminated for librdkafka.</summary>
    private static ReadOnlySpan<byte> RecordStampName => "hx-stamp\0"u8;

    /// <summary>Writes <c>key-</c> and at least six digits, the text <see cref="KeyDistribution.FormatKey"/> gives, as UTF-8.</summary>
    private static int FormatKey(long index, Span<byte> into)
    {
        "key-"u8.CopyTo(into);
        index.TryFormat(into[4..], out var digits, "D6", CultureInfo.InvariantCulture);
        return 4 + digits;
    }

    /// <summary>Application header names h0, h1, ... as NUL-terminated UTF-8 in one pinned block.</summary>
    private static (byte[] Names, int[] Offsets) HeaderNames(int count)
    {
        var offsets = new int[count];
        var text = new List<byte>();
        for (var h = 0; h < count; h++)
        {
            offsets[h] = text.Count;
            text.AddRange(System.Text.Encoding.UTF8.GetBytes($"h{h.ToString(CultureInfo.InvariantCulture)}\0"));
        }

        var names = GC.AllocateUninitializedArray<byte>(Math.Max(1, text.Count), pinned: true);
        text.CopyTo(names);
        return (names, offsets);
    }

    /// <summary>An estimate of one record's bytes (key, value, stamp and headers), from a fixed sample of sizes.</summary>
    private static double AverageRecordBytes(TopicSpec topic)
    {
        var sampler = topic.CreateSampler(0);
        const int Samples = 256;
        double sum = 0;
        for (var i = 0; i < Samples; i++)
        {
            var size = sampler.Sample(i).ValueSize;

            // A stamp header adds its name, its bytes and their lengths; a value stamp adds nothing.
            sum += size + (topic.Stamp == StampPlacement.Value && size >= ValueStamp.Size ? 0 : RecordStamp.Size + 16);
        }

        return (sum / Samples) + 16 + (topic.Headers.Count * (topic.Headers.Size + 8));
    }
}
