using System.Buffers.Binary;
using Harness.Broker.Cluster;
using Harness.Broker.Protocol;
using Harness.Broker.Records;

namespace Harness.Broker.Storage;

/// <summary>
/// The log of one partition, shared by all replicas of the cluster (a kill moves leadership, never data).
/// Batches are kept as received in a <see cref="IBatchStore"/> (memory or segment files); offsets, producers and
/// transactions are kept here. Appends and reads take a short lock, and readers waiting for data are woken through
/// <see cref="WaitForAppendAsync"/>.
/// </summary>
internal sealed class PartitionLog : IDisposable
{
    private readonly object _lock = new();
    private readonly IBatchStore _store;
    private readonly Dictionary<long, ProducerEntry> _producers = [];
    private readonly Dictionary<long, OpenTransaction> _open = [];
    private readonly List<AbortedTransaction> _aborted = [];
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _logStartOffset;
    private long _nextOffset;
    private long _duplicateBatches;
    private bool _disposed;

    public PartitionLog(IBatchStore store) => _store = store;

    /// <summary>A log kept in memory, as tests of the log alone use.</summary>
    public PartitionLog()
        : this(new MemoryBatchStore())
    {
    }

    public long LogStartOffset
    {
        get
        {
            lock (_lock)
            {
                return _logStartOffset;
            }
        }
    }

    public long HighWatermark
    {
        get
        {
            lock (_lock)
            {
                return _nextOffset;
            }
        }
    }

    /// <summary>Bytes of batches held in managed memory (<see cref="IBatchStore.MemoryBytes"/>).</summary>
    public long MemoryBytes
    {
        get
        {
            lock (_lock)
            {
                return _disposed ? 0 : _store.MemoryBytes;
            }
        }
    }

    public long SizeBytes
    {
        get
        {
            lock (_lock)
            {
                return _disposed ? 0 : _store.SizeBytes;
            }
        }
    }

    /// <summary>
    /// The first offset a read_committed consumer may not see yet: the first offset of the oldest open transaction,
    /// or the high watermark when none is open.
    /// </summary>
    public long LastStableOffset
    {
        get
        {
            lock (_lock)
            {
                return LastStableOffsetLocked();
            }
        }
    }

    /// <summary>Retried batches recognised by their producer sequence and acknowledged without a second write.</summary>
    public long DuplicateBatches => Interlocked.Read(ref _duplicateBatches);

    /// <summary>A task that completes at the next append (or truncation) of this log.</summary>
    public Task WaitForAppendAsync()
    {
        lock (_lock)
        {
            return _appended.Task;
        }
    }

    public AppendOutcome Append(ArraySegment<byte> batch, RecordBatchHeader header, TopicConfig config, int leaderEpoch, long nowMs)
    {
        // The copy is made before taking the lock, so readers of this partition never wait behind a memcpy; every byte
        // is overwritten, so the zeroing a plain new byte[] would do first is skipped.
        var data = GC.AllocateUninitializedArray<byte>(batch.Count);
        batch.AsSpan().CopyTo(data);
        lock (_lock)
        {
            if (_disposed)
            {
                // The topic was deleted (or the cluster stopped) while this produce was on its way.
                return AppendOutcome.Failed(ErrorCode.UnknownTopicOrPartition, _logStartOffset, "the partition was deleted");
            }

            OpenTransaction? transaction = null;
            if (header.IsTransactional)
            {
                var refusal = CheckTransaction(header, out transaction);
                if (refusal is not null)
                {
                    return refusal.Value;
                }
            }

            ProducerEntry? producer = null;
            if (header.HasProducerId)
            {
                var check = CheckSequence(header, out producer);
                if (check is not null)
                {
                    return check.Value;
                }
            }

            var (baseOffset, logAppendTime) = AppendLocked(data, header, config, leaderEpoch, nowMs);
            if (header.HasProducerId)
            {
                producer!.Add(new ProducerBatchRecord(header.BaseSequence, header.LastSequence, baseOffset, baseOffset + header.LastOffsetDelta));
                producer.LastTimestamp = header.MaxTimestamp;
            }

            if (transaction is { FirstOffset: -1 })
            {
                transaction.FirstOffset = baseOffset;
            }

            SignalLocked();
            return new AppendOutcome(ErrorCode.None, baseOffset, logAppendTime, _logStartOffset);
        }
    }

    /// <summary>
    /// Writes a COMMIT or ABORT marker for a producer's transaction (EndTxn or a timeout) and closes the transaction
    /// here; an aborted one is remembered for read_committed fetches. Returns the marker's offset.
    /// </summary>
    public long WriteMarker(long producerId, short epoch, bool commit, int coordinatorEpoch, TopicConfig config, int leaderEpoch, long nowMs)
    {
        var data = ControlBatch.Marker(producerId, epoch, commit, coordinatorEpoch, nowMs);
        var header = RecordBatchHeader.Read(data);
        lock (_lock)
        {
            if (_disposed)
            {
                return -1;
            }

            var (offset, _) = AppendLocked(data, header, config, leaderEpoch, nowMs);
            if (!_producers.TryGetValue(producerId, out var producer))
            {
                producer = new ProducerEntry(epoch);
                _producers[producerId] = producer;
            }
            else if (epoch > producer.Epoch)
            {
                // A marker written under a bumped epoch (a fence or a timeout) fences the older epoch here too.
                producer.Reset(epoch);
            }

            producer.CoordinatorEpoch = coordinatorEpoch;
            if (_open.Remove(producerId, out var transaction) && !commit && transaction.FirstOffset >= 0)
            {
                _aborted.Add(new AbortedTransaction(producerId, transaction.FirstOffset, offset));
            }

            SignalLocked();
            return offset;
        }
    }

    /// <summary>
    /// Opens (or moves to a newer epoch) a producer's transaction on this partition, as AddPartitionsToTxn does; only
    /// then does the partition take that producer's transactional batches.
    /// </summary>
    public void BeginTransaction(long producerId, short epoch)
    {
        lock (_lock)
        {
            if (_open.TryGetValue(producerId, out var transaction))
            {
                transaction.Epoch = epoch;
            }
            else
            {
                _open[producerId] = new OpenTransaction(epoch);
            }
        }
    }

    /// <summary>Every producer this partition knows, for DescribeProducers.</summary>
    public List<ProducerSnapshot> Producers()
    {
        lock (_lock)
        {
            return _producers
                .Select(p => new ProducerSnapshot(p.Key, p.Value.Epoch, p.Value.LastSequence, p.Value.LastTimestamp, p.Value.CoordinatorEpoch,
                    _open.TryGetValue(p.Key, out var open) ? open.FirstOffset : -1))
                .OrderBy(p => p.ProducerId)
                .ToList();
        }
    }

    private AppendOutcome? CheckTransaction(RecordBatchHeader header, out OpenTransaction? transaction)
    {
        transaction = null;
        if (_producers.TryGetValue(header.ProducerId, out var known) && header.ProducerEpoch < known.Epoch)
        {
            // A fenced producer hears that it is fenced, not that its transaction is gone.
            return AppendOutcome.Failed(ErrorCode.InvalidProducerEpoch, _logStartOffset,
                $"producer epoch {header.ProducerEpoch} is older than {known.Epoch}");
        }

        if (!_open.TryGetValue(header.ProducerId, out transaction))
        {
            return AppendOutcome.Failed(ErrorCode.InvalidTxnState, _logStartOffset,
                $"producer {header.ProducerId} wrote a transactional batch to a partition not added to its transaction");
        }

        if (header.ProducerEpoch < transaction.Epoch)
        {
            return AppendOutcome.Failed(ErrorCode.InvalidProducerEpoch, _logStartOffset,
                $"producer epoch {header.ProducerEpoch} is older than the transaction's {transaction.Epoch}");
        }

        return null;
    }

    private (long BaseOffset, long LogAppendTime) AppendLocked(byte[] data, RecordBatchHeader header, TopicConfig config, int leaderEpoch, long nowMs)
    {
        var baseOffset = _nextOffset;
        var lastOffset = baseOffset + header.LastOffsetDelta;
        BinaryPrimitives.WriteInt64BigEndian(data, baseOffset);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(12), leaderEpoch);
        var maxTimestamp = header.MaxTimestamp;
        var logAppendTime = -1L;
        if (config.LogAppendTime)
        {
            // The broker owns the timestamp: set the type bit and max timestamp, then re-seal the CRC.
            var attributes = (short)(header.Attributes | 0x8);
            BinaryPrimitives.WriteInt16BigEndian(data.AsSpan(21), attributes);
            BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(35), nowMs);
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(17), Crc32C.Compute(data.AsSpan(RecordBatchHeader.CrcCoverageStart)));
            maxTimestamp = nowMs;
            logAppendTime = nowMs;
        }

        _store.Append(data, lastOffset, maxTimestamp, config, nowMs);
        _nextOffset = lastOffset + 1;
        ApplyRetentionLocked(config, nowMs);
        return (baseOffset, logAppendTime);
    }

    private long LastStableOffsetLocked()
    {
        var stable = _nextOffset;
        foreach (var transaction in _open.Values)
        {
            if (transaction.FirstOffset >= 0 && transaction.FirstOffset < stable)
            {
                stable = transaction.FirstOffset;
            }
        }

        return Math.Max(stable, _logStartOffset);
    }

    private AppendOutcome? CheckSequence(RecordBatchHeader header, out ProducerEntry producer)
    {
        if (!_producers.TryGetValue(header.ProducerId, out producer!))
        {
            if (header.BaseSequence != 0)
            {
                return AppendOutcome.Failed(ErrorCode.OutOfOrderSequenceNumber, _logStartOffset,
                    $"first batch of producer {header.ProducerId} starts at sequence {header.BaseSequence}, expected 0");
            }

            producer = new ProducerEntry(header.ProducerEpoch);
            _producers[header.ProducerId] = producer;
            return null;
        }

        if (header.ProducerEpoch < producer.Epoch)
        {
            return AppendOutcome.Failed(ErrorCode.InvalidProducerEpoch, _logStartOffset,
                $"producer epoch {header.ProducerEpoch} is older than {producer.Epoch}");
        }

        if (header.ProducerEpoch > producer.Epoch)
        {
            if (header.BaseSequence != 0)
            {
                return AppendOutcome.Failed(ErrorCode.OutOfOrderSequenceNumber, _logStartOffset,
                    $"new epoch {header.ProducerEpoch} must start at sequence 0, got {header.BaseSequence}");
            }

            producer.Reset(header.ProducerEpoch);
            return null;
        }

        var duplicate = producer.FindDuplicate(header.BaseSequence, header.LastSequence);
        if (duplicate is { } earlier)
        {
            // A retry of a batch already written: acknowledge it with its original offset, append nothing.
            _duplicateBatches++;
            return new AppendOutcome(ErrorCode.None, earlier.BaseOffset, -1, _logStartOffset);
        }

        var expected = producer.LastSequence == int.MaxValue ? 0 : producer.LastSequence + 1;
        if (!producer.IsEmpty && header.BaseSequence != expected)
        {
            return AppendOutcome.Failed(ErrorCode.OutOfOrderSequenceNumber, _logStartOffset,
                $"out of order sequence {header.BaseSequence} for producer {header.ProducerId}, expected {expected}");
        }

        return null;
    }

    /// <summary>
    /// Collects batches from <paramref name="offset"/> up to <paramref name="maxBytes"/>; the first batch is
    /// returned even when larger than the limit if <paramref name="allowOversizedFirst"/>, so consumers always progress.
    /// </summary>
    /// <remarks>
    /// With <paramref name="aborted"/> given (read_committed) the read stops at the last stable offset, and the aborted
    /// transactions overlapping the batches returned are added to it.
    /// </remarks>
    public ErrorCode Read(long offset, int maxBytes, bool allowOversizedFirst, List<ArraySegment<byte>> output, out int bytes, out LogBounds bounds,
        List<AbortedTransaction>? aborted = null)
    {
        bytes = 0;
        lock (_lock)
        {
            var stable = LastStableOffsetLocked();
            bounds = new LogBounds(_nextOffset, stable, _logStartOffset);
            if (offset < _logStartOffset || offset > _nextOffset)
            {
                return ErrorCode.OffsetOutOfRange;
            }

            if (_disposed)
            {
                return ErrorCode.UnknownTopicOrPartition;
            }

            var limit = aborted is null ? _nextOffset : stable;
            var lastRead = _store.Read(offset, limit, maxBytes, allowOversizedFirst, output, out bytes);
            if (aborted is not null && lastRead >= 0)
            {
                aborted.AddRange(_aborted.Where(a => a.LastOffset >= offset && a.FirstOffset <= lastRead));
            }

            return ErrorCode.None;
        }
    }

    public (long Offset, long Timestamp)? OffsetForTimestamp(long timestamp)
    {
        lock (_lock)
        {
            if (_disposed || _store.OffsetForTimestamp(timestamp, _logStartOffset) is not { } hit)
            {
                return null;
            }

            return hit.Offset < _logStartOffset ? (_logStartOffset, hit.Timestamp) : hit;
        }
    }

    /// <summary>
    /// The record with the largest timestamp (the first of them), for ListOffsets -3; null on an empty log. Inside a
    /// batch whose codec cannot be read here, the batch's base offset stands in.
    /// </summary>
    public (long Offset, long Timestamp)? MaxTimestampRecord()
    {
        lock (_lock)
        {
            return _disposed ? null : _store.MaxTimestampRecord(_logStartOffset);
        }
    }

    /// <summary>Advances the log start offset (DeleteRecords); returns the new low watermark or an error.</summary>
    public ErrorCode DeleteBefore(long offset, out long lowWatermark)
    {
        lock (_lock)
        {
            if (offset == -1)
            {
                offset = _nextOffset;
            }

            if (offset < 0 || offset > _nextOffset)
            {
                lowWatermark = _logStartOffset;
                return ErrorCode.OffsetOutOfRange;
            }

            if (offset > _logStartOffset)
            {
                _logStartOffset = offset;
                DropBatchesBelowStartLocked();
                SignalLocked();
            }

            lowWatermark = _logStartOffset;
            return ErrorCode.None;
        }
    }

    /// <summary>
    /// One pass of the cleaner (see <see cref="LogCleaner"/>): keeps the latest record per key below the uncleanable
    /// head. Readers holding older batch arrays keep them; offsets and the log start offset never move.
    /// </summary>
    /// <remarks>With <paramref name="roll"/> the active segment is rolled first, as a full segment would be, so the
    /// whole log up to min.compaction.lag.ms and the last stable offset is eligible.</remarks>
    public CompactionResult Compact(TopicConfig config, long nowMs, bool roll = false)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return default;
            }

            if (roll)
            {
                _store.RollIfNotEmpty(_nextOffset);
            }

            var end = Math.Min(LastStableOffsetLocked(), _store.ActiveSegmentStart);
            return _store.Compact(_aborted, end, config, nowMs);
        }
    }

    public void ApplyRetention(TopicConfig config, long nowMs)
    {
        lock (_lock)
        {
            ApplyRetentionLocked(config, nowMs);
        }
    }

    private void ApplyRetentionLocked(TopicConfig config, long nowMs)
    {
        // Like Kafka, whole batches (in memory) or whole segments (on disk) go, and the active tail is never removed. A
        // topic whose cleanup.policy lacks delete keeps everything (compaction alone thins it).
        if (!config.Delete || _disposed)
        {
            return;
        }

        var start = _store.ApplyRetention(config, nowMs, _logStartOffset);
        if (start > _logStartOffset)
        {
            _logStartOffset = start;
            _aborted.RemoveAll(a => a.LastOffset < _logStartOffset);
        }
    }

    private void DropBatchesBelowStartLocked()
    {
        _store.DropBelow(_logStartOffset, _nextOffset);
        _aborted.RemoveAll(a => a.LastOffset < _logStartOffset);
    }

    /// <summary>Closes the store (the cluster stops): later reads find nothing, later appends throw.</summary>
    public void Dispose() => Close(deleteFiles: false);

    /// <summary>Closes the store and removes its files (the topic was deleted).</summary>
    public void Delete() => Close(deleteFiles: true);

    private void Close(bool deleteFiles)
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _disposed = true;
                _store.Dispose();
                SignalLocked();
            }

            if (deleteFiles)
            {
                _store.DeleteFiles();
            }
        }
    }

    private void SignalLocked()
    {
        var previous = _appended;
        _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }
}
