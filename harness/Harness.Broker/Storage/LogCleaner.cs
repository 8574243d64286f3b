using Harness.Broker.Cluster;
using Harness.Broker.Records;

namespace Harness.Broker.Storage;

/// <summary>
/// One pass of log compaction over a partition's batches, as Kafka's cleaner does it for one cleanable range:
/// the latest record per key is kept, older ones go; tombstones, aborted transactional data and abort markers go
/// when it is safe. Offsets never move, so the log keeps gaps where records were.
/// </summary>
/// <remarks>
/// The log has no segment files; the caller passes the start of the head that is not yet eligible: where Kafka's
/// active segment would start (it rolls by segment.bytes and segment.ms) or the last stable offset, whichever is first
/// (an open transaction is never touched, as Kafka's cleaner stops at the first unstable offset). Batches appended
/// less than min.compaction.lag.ms ago by the broker's clock are not eligible either. Keys are mapped over the
/// cleanable range only.
/// </remarks>
internal static class LogCleaner
{
    /// <summary>Compacts <paramref name="batches"/> in place; aborted transactions whose marker went are removed from <paramref name="aborted"/>.</summary>
    /// <remarks><paramref name="endsLog"/> says the list's last batch is the log's last one (disk storage passes only the
    /// segments it cleans, which may end earlier).</remarks>
    public static CompactionResult Clean(List<StoredBatch> batches, List<AbortedTransaction> aborted, long uncleanableStart, TopicConfig config, long nowMs,
        bool endsLog = true)
    {
        var end = CleanableEnd(batches, uncleanableStart, config, nowMs);
        var cleanable = batches.TakeWhile(b => b.LastOffset < end).Count();
        if (cleanable == 0 || !NeedsPass(batches, cleanable, config, nowMs))
        {
            return new CompactionResult(0, 0, 0, end);
        }

        // Pass 1: the offset of the latest record per key (committed or non-transactional data only).
        var decoded = new (RecordBatchHeader Header, byte[]? Body, List<BatchRecord>? Records)[cleanable];
        var latest = new Dictionary<byte[], long>(ByteArrayComparer.Instance);
        for (var i = 0; i < cleanable; i++)
        {
            var batch = batches[i];
            var header = RecordBatchHeader.Read(batch.Data);
            decoded[i] = (header, null, null);
            if (header.IsControl || IsAborted(header, aborted) || !BatchRecords.CanDecode(header))
            {
                continue;
            }

            var body = BatchRecords.Body(batch.Data, header);
            var records = BatchRecords.Parse(body, header.RecordCount);
            decoded[i] = (header, body, records);
            foreach (var record in records)
            {
                if (record.Key is not null)
                {
                    latest[record.Key] = header.BaseOffset + record.OffsetDelta;
                }
            }
        }

        // Pass 2: rewrite each cleanable batch with what stays.
        var result = new List<StoredBatch>(batches.Count);
        long recordsRemoved = 0, batchesRemoved = 0, bytesFreed = 0;
        for (var i = 0; i < cleanable; i++)
        {
            var batch = batches[i];
            var (header, body, records) = decoded[i];
            var cleanedAt = batch.CleanedAtMs >= 0 ? batch.CleanedAtMs : nowMs;
            var horizonPassed = batch.CleanedAtMs >= 0 && nowMs - batch.CleanedAtMs >= config.DeleteRetentionMs;
            StoredBatch? kept;
            if (endsLog && i == batches.Count - 1 && header.IsControl)
            {
                // The log's last batch is never removed (see below), so its marker's aborted range stays known too.
                kept = batch with { CleanedAtMs = cleanedAt };
            }
            else if (header.IsControl)
            {
                kept = KeepMarker(batch, header, aborted, horizonPassed)
                    ? batch with { CleanedAtMs = cleanedAt, HoldsDeletes = BatchRecords.IsAbortMarker(batch.Data) }
                    : null;
            }
            else if (IsAborted(header, aborted))
            {
                kept = null;
            }
            else if (records is null)
            {
                kept = batch with { CleanedAtMs = cleanedAt };
            }
            else
            {
                var stays = records.Where(r => r.Key is null
                    || (latest[r.Key] == header.BaseOffset + r.OffsetDelta && !(r.IsTombstone && horizonPassed))).ToList();
                var holdsDeletes = stays.Exists(r => r.IsTombstone);
                kept = stays.Count == records.Count ? batch with { CleanedAtMs = cleanedAt, HoldsDeletes = holdsDeletes }
                    : stays.Count == 0 ? null
                    : batch with { Data = BatchRecords.Rewrite(batch.Data, header, body!, stays), CleanedAtMs = cleanedAt, HoldsDeletes = holdsDeletes };
            }

            if (kept is null && endsLog && i == batches.Count - 1)
            {
                // The log's last batch holds the high watermark's predecessor: without it a consumer positioned inside
                // it would fetch nothing forever. Kafka never cleans its active segment, so it never meets this case;
                // when a rolled log ends in expired deletes, the batch stays whole instead.
                kept = batch with { CleanedAtMs = cleanedAt, HoldsDeletes = false };
            }

            recordsRemoved += header.RecordCount - (kept is null ? 0 : RecordBatchHeader.Read(kept.Data).RecordCount);
            bytesFreed += batch.Data.Length - (kept?.Data.Length ?? 0);
            if (kept is null)
            {
                batchesRemoved++;
            }
            else
            {
                result.Add(kept);
            }
        }

        result.AddRange(batches.Skip(cleanable));
        batches.Clear();
        batches.AddRange(result);
        return new CompactionResult(recordsRemoved, batchesRemoved, bytesFreed, end);
    }

    /// <summary>
    /// Whether a pass could change anything: a batch became cleanable since the last pass, or a tombstone or abort
    /// marker left by an earlier pass has reached its delete horizon. A compacted topic nobody writes to then costs
    /// the schedule a scan of batch headers, not a decode of every record.
    /// </summary>
    public static bool NeedsPass(List<StoredBatch> batches, int cleanable, TopicConfig config, long nowMs)
    {
        for (var i = 0; i < cleanable; i++)
        {
            var batch = batches[i];
            if (batch.CleanedAtMs < 0 || (batch.HoldsDeletes && nowMs - batch.CleanedAtMs >= config.DeleteRetentionMs))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first offset not eligible for cleaning (see the remarks on the type).</summary>
    public static long CleanableEnd(List<StoredBatch> batches, long uncleanableStart, TopicConfig config, long nowMs)
    {
        var end = uncleanableStart;
        foreach (var batch in batches)
        {
            if (batch.BaseOffset >= end)
            {
                break;
            }

            if (nowMs - batch.AppendTimeMs < config.MinCompactionLagMs)
            {
                return batch.BaseOffset;
            }
        }

        return end;
    }

    /// <summary>
    /// COMMIT markers stay (always safe; Kafka drops them only once their whole transaction is gone). An ABORT marker
    /// goes once its aborted data has gone (it precedes the marker, so the pass that first cleans the marker removed
    /// it) and delete.retention.ms has passed since, so a consumer reading from the start in that time still sees it.
    /// </summary>
    private static bool KeepMarker(StoredBatch batch, RecordBatchHeader header, List<AbortedTransaction> aborted, bool horizonPassed)
    {
        if (!horizonPassed || !BatchRecords.IsAbortMarker(batch.Data))
        {
            return true;
        }

        aborted.RemoveAll(a => a.ProducerId == header.ProducerId && a.LastOffset == header.BaseOffset);
        return false;
    }

    private static bool IsAborted(RecordBatchHeader header, List<AbortedTransaction> aborted) =>
        header.IsTransactional && !header.IsControl
        && aborted.Exists(a => a.ProducerId == header.ProducerId && a.FirstOffset <= header.BaseOffset && header.BaseOffset < a.LastOffset);
}
