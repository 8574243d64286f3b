using Harness.Broker.Cluster;
using Harness.Broker.Records;

namespace Harness.Broker.Storage;

/// <summary>
/// Batches in managed memory, served without a copy. It keeps no segment files but tracks where Kafka's active
/// segment would start, because only what lies before it may be compacted: it rolls on append past segment.bytes or
/// segment.ms, as Kafka's does. Retention removes whole batches.
/// </summary>
internal sealed class MemoryBatchStore : IBatchStore
{
    private readonly List<StoredBatch> _batches = [];
    private long _sizeBytes;
    private long _activeSegmentStart;
    private long _activeSegmentBytes;
    private long _activeSegmentOpenedMs = -1;

    public long SizeBytes => _sizeBytes;

    public long MemoryBytes => _sizeBytes;

    public long ActiveSegmentStart => _activeSegmentStart;

    public void Append(byte[] data, long lastOffset, long maxTimestamp, TopicConfig config, long nowMs)
    {
        var baseOffset = lastOffset - RecordBatchFields.LastOffsetDelta(data);
        if (_activeSegmentBytes > 0
            && (_activeSegmentBytes + data.Length > config.SegmentBytes || nowMs - _activeSegmentOpenedMs >= config.SegmentMs))
        {
            Roll(baseOffset, nowMs);
        }
        else if (_activeSegmentOpenedMs < 0)
        {
            _activeSegmentOpenedMs = nowMs;
        }

        _activeSegmentBytes += data.Length;
        _batches.Add(new StoredBatch(baseOffset, lastOffset, maxTimestamp, nowMs, data));
        _sizeBytes += data.Length;
    }

    public long Read(long offset, long limit, int maxBytes, bool allowOversizedFirst, List<ArraySegment<byte>> output, out int bytes)
    {
        bytes = 0;
        var lastRead = -1L;
        for (var i = FindBatchIndex(offset); i < _batches.Count && _batches[i].BaseOffset < limit; i++)
        {
            var data = _batches[i].Data;
            if (bytes + data.Length > maxBytes && !(bytes == 0 && allowOversizedFirst))
            {
                break;
            }

            output.Add(new ArraySegment<byte>(data));
            bytes += data.Length;
            lastRead = _batches[i].LastOffset;
        }

        return lastRead;
    }

    /// <summary>Index of the first batch whose last offset is at or after <paramref name="offset"/>.</summary>
    private int FindBatchIndex(long offset)
    {
        int low = 0, high = _batches.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_batches[mid].LastOffset < offset)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    public (long Offset, long Timestamp)? OffsetForTimestamp(long timestamp, long logStartOffset)
    {
        foreach (var batch in _batches)
        {
            if (batch.LastOffset < logStartOffset || batch.MaxTimestamp < timestamp)
            {
                continue;
            }

            if (RecordTimestampScanner.FindFirstAtOrAfter(batch.Data, timestamp) is { } hit)
            {
                return hit;
            }
        }

        return null;
    }

    public (long Offset, long Timestamp)? MaxTimestampRecord(long logStartOffset)
    {
        StoredBatch? best = null;
        foreach (var batch in _batches)
        {
            if (batch.LastOffset >= logStartOffset && !RecordBatchHeader.Read(batch.Data).IsControl && (best is null || batch.MaxTimestamp > best.MaxTimestamp))
            {
                best = batch;
            }
        }

        return best is null ? null : RecordTimestampScanner.FindFirstAtOrAfter(best.Data, best.MaxTimestamp);
    }

    public long ApplyRetention(TopicConfig config, long nowMs, long logStartOffset)
    {
        var removed = 0;
        while (_batches.Count - removed > 1)
        {
            var oldest = _batches[removed];
            var overBytes = config.RetentionBytes >= 0 && _sizeBytes > config.RetentionBytes;
            var overTime = config.RetentionMs >= 0 && nowMs - oldest.MaxTimestamp > config.RetentionMs;
            if (!overBytes && !overTime)
            {
                break;
            }

            _sizeBytes -= oldest.Data.Length;
            logStartOffset = Math.Max(logStartOffset, oldest.LastOffset + 1);
            removed++;
        }

        _batches.RemoveRange(0, removed);
        return logStartOffset;
    }

    public void DropBelow(long logStartOffset, long nextOffset)
    {
        var removed = 0;
        while (removed < _batches.Count && _batches[removed].LastOffset < logStartOffset)
        {
            _sizeBytes -= _batches[removed].Data.Length;
            removed++;
        }

        _batches.RemoveRange(0, removed);
    }

    public void RollIfNotEmpty(long nextOffset)
    {
        if (_activeSegmentBytes > 0)
        {
            Roll(nextOffset, -1);
        }
    }

    public CompactionResult Compact(List<AbortedTransaction> aborted, long uncleanableStart, TopicConfig config, long nowMs)
    {
        var result = LogCleaner.Clean(_batches, aborted, uncleanableStart, config, nowMs);
        _sizeBytes -= result.BytesFreed;
        return result;
    }

    private void Roll(long nextSegmentStart, long nowMs)
    {
        _activeSegmentStart = nextSegmentStart;
        _activeSegmentBytes = 0;
        _activeSegmentOpenedMs = nowMs;
    }

    public void Dispose()
    {
        // Nothing but managed memory to let go of.
    }

    public void DeleteFiles()
    {
        // No files: the batches go with the store.
    }
}
