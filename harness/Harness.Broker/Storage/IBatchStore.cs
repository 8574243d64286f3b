using Harness.Broker.Cluster;

namespace Harness.Broker.Storage;

/// <summary>
/// Where a partition's batches live: in managed memory or in segment files. <see cref="PartitionLog"/> owns offsets,
/// producers and transactions and calls a store under its own lock, so a store needs no locking of its own.
/// </summary>
internal interface IBatchStore : IDisposable
{
    /// <summary>Bytes of batches held.</summary>
    long SizeBytes { get; }

    /// <summary>Bytes of batches held in managed memory: all of them in memory, the tail cache on disk.</summary>
    long MemoryBytes { get; }

    /// <summary>The first offset of the active segment: only what lies before it may be compacted.</summary>
    long ActiveSegmentStart { get; }

    /// <summary>Stores a batch whose offsets are already assigned, rolling the active segment first when segment.bytes or segment.ms says so.</summary>
    void Append(byte[] data, long lastOffset, long maxTimestamp, TopicConfig config, long nowMs);

    /// <summary>
    /// Adds batches from the one holding <paramref name="offset"/> while their base offset is below <paramref name="limit"/> and
    /// they fit in <paramref name="maxBytes"/> (the first one regardless with <paramref name="allowOversizedFirst"/>).
    /// Returns the last offset of the last batch added, or -1.
    /// </summary>
    long Read(long offset, long limit, int maxBytes, bool allowOversizedFirst, List<ArraySegment<byte>> output, out int bytes);

    /// <summary>The first record at or after <paramref name="timestamp"/> at or after <paramref name="logStartOffset"/>.</summary>
    (long Offset, long Timestamp)? OffsetForTimestamp(long timestamp, long logStartOffset);

    /// <summary>The first record with the largest timestamp in a data batch ending at or after <paramref name="logStartOffset"/>.</summary>
    (long Offset, long Timestamp)? MaxTimestampRecord(long logStartOffset);

    /// <summary>Removes what retention.ms and retention.bytes allow (never the active tail); returns the new log start offset.</summary>
    long ApplyRetention(TopicConfig config, long nowMs, long logStartOffset);

    /// <summary>Removes what lies wholly below a log start offset moved by DeleteRecords.</summary>
    void DropBelow(long logStartOffset, long nextOffset);

    /// <summary>Rolls the active segment at <paramref name="nextOffset"/> if it holds anything, as a full segment would roll.</summary>
    void RollIfNotEmpty(long nextOffset);

    /// <summary>One cleaner pass over what lies before <paramref name="uncleanableStart"/> (see <see cref="LogCleaner"/>).</summary>
    CompactionResult Compact(List<AbortedTransaction> aborted, long uncleanableStart, TopicConfig config, long nowMs);

    /// <summary>Closes the store and removes whatever it keeps outside the process (a deleted topic).</summary>
    void DeleteFiles();
}
