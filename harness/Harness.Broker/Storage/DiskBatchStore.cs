using Harness.Broker.Cluster;
using Harness.Broker.Records;

namespace Harness.Broker.Storage;

/// <summary>
/// A partition's batches in segment files under its own folder (see <see cref="LogSegment"/>). Appends are written
/// through to the OS at once; reads come from the files, except the last few batches appended, which are kept in
/// memory (up to a cap) because consumers at the tail ask for them right after they arrive. Segments roll by
/// segment.bytes and segment.ms; retention deletes whole segments, never the active one; the cleaner rewrites whole
/// segments. Managed memory per partition is a few numbers per segment, the tail cache and a handful of read hints.
/// </summary>
internal sealed class DiskBatchStore : IBatchStore
{
    /// <summary>Bytes between offset index entries, as Kafka's index.interval.bytes default.</summary>
    public const int IndexInterval = 4096;

    private const int ReadChunkBytes = 4 << 20;
    private const int HintCount = 8;

    private readonly string _directory;
    private readonly long _tailCacheBytes;
    private readonly List<LogSegment> _segments = [];
    private readonly List<TailBatch> _tail = [];
    private readonly ReadHint[] _hints = new ReadHint[HintCount];
    private int _tailStart;
    private long _tailBytes;
    private int _nextHint;
    private long _sizeBytes;
    private bool _disposed;

    public DiskBatchStore(string directory, long tailCacheBytes)
    {
        _directory = directory;
        _tailCacheBytes = tailCacheBytes;
        Directory.CreateDirectory(directory);
        _segments.Add(LogSegment.Create(directory, 0, IndexInterval));
        Array.Fill(_hints, new ReadHint(-1, -1, -1));
    }

    public long SizeBytes => _sizeBytes;

    public long MemoryBytes => _tailBytes;

    public long ActiveSegmentStart => Active.BaseOffset;

    private LogSegment Active => _segments[^1];

    public void Append(byte[] data, long lastOffset, long maxTimestamp, TopicConfig config, long nowMs)
    {
        var active = Active;
        // Positions in the offset index are 32-bit, as Kafka's are, so a segment never grows past 2 GiB.
        var segmentBytes = Math.Min(config.SegmentBytes, int.MaxValue);
        if (active.Size > 0 && (active.Size + data.Length > segmentBytes || nowMs - active.OpenedMs >= config.SegmentMs))
        {
            Roll(RecordBatchFields.BaseOffset(data));
        }

        Active.Append(data, nowMs);
        _sizeBytes += data.Length;
        _tail.Add(new TailBatch(RecordBatchFields.BaseOffset(data), lastOffset, data));
        _tailBytes += data.Length;
        while (_tail.Count - _tailStart > 1 && _tailBytes > _tailCacheBytes)
        {
            _tailBytes -= _tail[_tailStart].Data.Length;
            _tail[_tailStart] = default;
            _tailStart++;
        }

        if (_tailStart > 1024 && _tailStart > _tail.Count / 2)
        {
            _tail.RemoveRange(0, _tailStart);
            _tailStart = 0;
        }
    }

    public long Read(long offset, long limit, int maxBytes, bool allowOversizedFirst, List<ArraySegment<byte>> output, out int bytes)
    {
        bytes = 0;
        if (_disposed)
        {
            return -1;
        }

        if (_tailStart < _tail.Count && offset >= _tail[_tailStart].BaseOffset)
        {
            return ReadTail(offset, limit, maxBytes, allowOversizedFirst, output, ref bytes);
        }

        var lastRead = -1L;
        var index = SegmentIndexFor(offset);
        var position = StartPosition(_segments[index], offset);
        for (; index < _segments.Count; index++, position = 0)
        {
            var segment = _segments[index];
            var (last, end, done) = ReadSegment(segment, position, offset, limit, maxBytes, allowOversizedFirst, output, ref bytes);
            if (last >= 0)
            {
                lastRead = last;
                Remember(new ReadHint(last + 1, segment.BaseOffset, end));
            }

            if (done)
            {
                break;
            }
        }

        return lastRead;
    }

    private long ReadTail(long offset, long limit, int maxBytes, bool allowOversizedFirst, List<ArraySegment<byte>> output, ref int bytes)
    {
        int low = _tailStart, high = _tail.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_tail[mid].LastOffset < offset)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        var lastRead = -1L;
        for (var i = low; i < _tail.Count && _tail[i].BaseOffset < limit; i++)
        {
            var data = _tail[i].Data;
            if (bytes + data.Length > maxBytes && !(bytes == 0 && allowOversizedFirst))
            {
                break;
            }

            output.Add(new ArraySegment<byte>(data));
            bytes += data.Length;
            lastRead = _tail[i].LastOffset;
        }

        return lastRead;
    }

    /// <summary>
    /// Reads whole batches of one segment from <paramref name="position"/>, skipping those that end before
    /// <paramref name="offset"/>. Returns the last offset read (-1 when none), the position after it, and whether the
    /// read is complete (a limit or the byte budget stopped it) rather than at the end of the segment.
    /// </summary>
    private (long LastRead, long End, bool Done) ReadSegment(LogSegment segment, long position, long offset, long limit, int maxBytes, bool allowOversizedFirst,
        List<ArraySegment<byte>> output, ref int bytes)
    {
        Span<byte> header = stackalloc byte[RecordBatchFields.Prefix];
        var size = segment.Size;

        // Skip to the batch holding the offset: at most an index interval of batches after the indexed position.
        while (position < size)
        {
            segment.ReadAt(position, header);
            if (RecordBatchFields.LastOffset(header) >= offset)
            {
                break;
            }

            position += RecordBatchFields.TotalSize(header);
        }

        var lastRead = -1L;
        while (position < size)
        {
            var budget = maxBytes - bytes;
            var chunk = (int)Math.Min(Math.Min(budget, ReadChunkBytes), size - position);
            if (chunk < RecordBatchFields.Prefix)
            {
                // Not even a header fits: only an oversized first batch may still go out.
                if (!(bytes == 0 && allowOversizedFirst))
                {
                    return (lastRead, position, true);
                }

                chunk = RecordBatchFields.Prefix;
            }

            var buffer = GC.AllocateUninitializedArray<byte>(chunk);
            var read = segment.ReadAt(position, buffer);
            var used = 0;
            var stop = false;
            while (used + RecordBatchFields.Prefix <= read)
            {
                var batch = buffer.AsSpan(used);
                if (RecordBatchFields.BaseOffset(batch) >= limit)
                {
                    stop = true;
                    break;
                }

                var total = RecordBatchFields.TotalSize(batch);
                if (used + total > read)
                {
                    break;
                }

                used += total;
                lastRead = RecordBatchFields.LastOffset(batch);
            }

            if (used > 0)
            {
                output.Add(new ArraySegment<byte>(buffer, 0, used));
                bytes += used;
                position += used;
            }
            else if (!stop && bytes == 0 && allowOversizedFirst)
            {
                // The first batch is larger than the budget: it goes out whole so the consumer progresses.
                var total = RecordBatchFields.TotalSize(buffer);
                var whole = GC.AllocateUninitializedArray<byte>(total);
                segment.ReadAt(position, whole);
                output.Add(new ArraySegment<byte>(whole));
                bytes += total;
                position += total;
                lastRead = RecordBatchFields.LastOffset(whole);
                return (lastRead, position, true);
            }

            if (stop || used == 0 || bytes >= maxBytes)
            {
                return (lastRead, position, true);
            }
        }

        return (lastRead, position, false);
    }

    /// <summary>The segment holding <paramref name="offset"/>: the last one starting at or before it.</summary>
    private int SegmentIndexFor(long offset)
    {
        int low = 0, high = _segments.Count - 1, found = 0;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (_segments[mid].BaseOffset <= offset)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found;
    }

    private long StartPosition(LogSegment segment, long offset)
    {
        foreach (var hint in _hints)
        {
            if (hint.Offset == offset && hint.SegmentBase == segment.BaseOffset)
            {
                return hint.Position;
            }
        }

        return segment.PositionAtOrBefore(offset);
    }

    private void Remember(ReadHint hint)
    {
        _hints[_nextHint] = hint;
        _nextHint = (_nextHint + 1) % HintCount;
    }

    private void ForgetHints() => Array.Fill(_hints, new ReadHint(-1, -1, -1));

    public (long Offset, long Timestamp)? OffsetForTimestamp(long timestamp, long logStartOffset)
    {
        Span<byte> header = stackalloc byte[RecordBatchFields.Prefix];
        foreach (var segment in _segments)
        {
            if (segment.MaxTimestamp < timestamp || segment.Size == 0)
            {
                continue;
            }

            var from = Math.Max(segment.OffsetBeforeTimestamp(timestamp), logStartOffset);
            var position = from >= segment.BaseOffset ? segment.PositionAtOrBefore(from) : 0;
            while (position < segment.Size)
            {
                segment.ReadAt(position, header);
                var total = RecordBatchFields.TotalSize(header);
                if (RecordBatchFields.LastOffset(header) >= logStartOffset && RecordBatchFields.MaxTimestamp(header) >= timestamp)
                {
                    var batch = new byte[total];
                    segment.ReadAt(position, batch);
                    if (RecordTimestampScanner.FindFirstAtOrAfter(batch, timestamp) is { } hit)
                    {
                        return hit;
                    }
                }

                position += total;
            }
        }

        return null;
    }

    public (long Offset, long Timestamp)? MaxTimestampRecord(long logStartOffset)
    {
        LogSegment? best = null;
        foreach (var segment in _segments)
        {
            if (segment.MaxTimestampPosition >= 0 && segment.LastOffset >= logStartOffset && (best is null || segment.MaxTimestamp > best.MaxTimestamp))
            {
                best = segment;
            }
        }

        if (best is null)
        {
            return null;
        }

        Span<byte> header = stackalloc byte[RecordBatchFields.Prefix];
        best.ReadAt(best.MaxTimestampPosition, header);
        var batch = new byte[RecordBatchFields.TotalSize(header)];
        best.ReadAt(best.MaxTimestampPosition, batch);
        return RecordTimestampScanner.FindFirstAtOrAfter(batch, best.MaxTimestamp);
    }

    public long ApplyRetention(TopicConfig config, long nowMs, long logStartOffset)
    {
        // Kafka's rules: the oldest segment goes while the rest still holds retention.bytes, or once its newest record is
        // older than retention.ms. The active segment stays.
        while (_segments.Count > 1)
        {
            var oldest = _segments[0];
            var overBytes = config.RetentionBytes >= 0 && _sizeBytes - oldest.Size >= config.RetentionBytes;
            var overTime = config.RetentionMs >= 0 && nowMs - oldest.MaxTimestamp > config.RetentionMs;
            if (!overBytes && !overTime)
            {
                break;
            }

            logStartOffset = Math.Max(logStartOffset, _segments[1].BaseOffset);
            RemoveOldest();
        }

        return logStartOffset;
    }

    public void DropBelow(long logStartOffset, long nextOffset)
    {
        if (_disposed)
        {
            return;
        }

        if (logStartOffset >= nextOffset && Active.Size > 0)
        {
            // Everything goes: a fresh active segment starts where the next append will land.
            Roll(nextOffset);
        }

        while (_segments.Count > 1 && _segments[1].BaseOffset <= logStartOffset)
        {
            RemoveOldest();
        }

        while (_tailStart < _tail.Count && _tail[_tailStart].LastOffset < logStartOffset)
        {
            _tailBytes -= _tail[_tailStart].Data.Length;
            _tail[_tailStart] = default;
            _tailStart++;
        }
    }

    public void RollIfNotEmpty(long nextOffset)
    {
        if (Active.Size > 0)
        {
            Roll(nextOffset);
        }
    }

    public CompactionResult Compact(List<AbortedTransaction> aborted, long uncleanableStart, TopicConfig config, long nowMs)
    {
        // Whole closed segments only, as Kafka's cleaner takes them: those wholly before the uncleanable start whose last
        // append is older than min.compaction.lag.ms.
        var count = 0;
        while (count < _segments.Count - 1 && _segments[count + 1].BaseOffset <= uncleanableStart
            && nowMs - _segments[count].LastAppendMs >= config.MinCompactionLagMs)
        {
            count++;
        }

        var end = count < _segments.Count ? _segments[count].BaseOffset : uncleanableStart;
        var cleanable = _segments.Take(count).Where(s => s.Size > 0).ToList();
        if (cleanable.Count == 0 || !cleanable.Exists(s => s.CleanedAtMs < 0 || (s.HoldsDeletes && nowMs - s.CleanedAtMs >= config.DeleteRetentionMs)))
        {
            return new CompactionResult(0, 0, 0, end);
        }

        // The cleaner works on batches in memory: the cleanable segments of a compacted topic are read in whole for the
        // pass (the key map needs them all anyway), then each segment is written anew and swapped in.
        var batches = new List<StoredBatch>();
        foreach (var segment in cleanable)
        {
            batches.AddRange(ReadAll(segment));
        }

        var endsLog = _segments.Skip(count).All(s => s.Size == 0);
        var result = LogCleaner.Clean(batches, aborted, end, config, nowMs, endsLog);
        var next = 0;
        foreach (var segment in cleanable)
        {
            var upTo = _segments[_segments.IndexOf(segment) + 1].BaseOffset;
            var kept = new List<StoredBatch>();
            while (next < batches.Count && batches[next].BaseOffset < upTo)
            {
                kept.Add(batches[next++]);
            }

            Replace(segment, kept, nowMs);
        }

        _sizeBytes = _segments.Sum(s => s.Size);
        _tail.Clear();
        _tailStart = 0;
        _tailBytes = 0;
        ForgetHints();
        return result;
    }

    private static List<StoredBatch> ReadAll(LogSegment segment)
    {
        var data = new byte[segment.Size];
        segment.ReadAt(0, data);
        var batches = new List<StoredBatch>();
        for (var position = 0; position < data.Length;)
        {
            var total = RecordBatchFields.TotalSize(data.AsSpan(position));
            var batch = data.AsSpan(position, total).ToArray();
            batches.Add(new StoredBatch(RecordBatchFields.BaseOffset(batch), RecordBatchFields.LastOffset(batch), RecordBatchFields.MaxTimestamp(batch),
                segment.LastAppendMs, batch, segment.CleanedAtMs, segment.HoldsDeletes));
            position += total;
        }

        return batches;
    }

    /// <summary>Writes what the cleaner kept of a segment into new files and swaps them in; a segment left empty is removed.</summary>
    private void Replace(LogSegment segment, List<StoredBatch> kept, long nowMs)
    {
        var index = _segments.IndexOf(segment);
        if (kept.Count == 0)
        {
            segment.Delete();
            _segments.RemoveAt(index);
            return;
        }

        var cleaned = LogSegment.Create(_directory, segment.BaseOffset, IndexInterval, ".cleaned");
        foreach (var batch in kept)
        {
            cleaned.Append(batch.Data, batch.AppendTimeMs);
        }

        cleaned.Seal();
        cleaned.CleanedAtMs = kept.Min(b => b.CleanedAtMs is < 0 ? nowMs : b.CleanedAtMs);
        cleaned.HoldsDeletes = kept.Exists(b => b.HoldsDeletes);
        var stem = segment.Stem;
        segment.Delete();
        cleaned.TakeNamesOf(stem);
        _segments[index] = cleaned;
    }

    private void Roll(long baseOffset)
    {
        Active.Seal();
        _segments.Add(LogSegment.Create(_directory, baseOffset, IndexInterval));
    }

    private void RemoveOldest()
    {
        var oldest = _segments[0];
        _sizeBytes -= oldest.Size;
        oldest.Delete();
        _segments.RemoveAt(0);
        ForgetHints();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var segment in _segments)
        {
            segment.Dispose();
        }

        _tail.Clear();
    }

    /// <summary>Removes the partition's folder (a deleted topic).</summary>
    public void DeleteFiles()
    {
        Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
