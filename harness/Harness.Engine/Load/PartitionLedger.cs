namespace Harness.Engine.Load;

/// <summary>
/// The acknowledged records of one source partition as ranges of (sequence, offset). An idempotent producer
/// acknowledges a partition's records in order, so a whole clean run is a single range: memory grows with
/// gaps, not with records.
/// </summary>
public sealed class PartitionLedger
{
    private readonly List<LedgerRange> _ranges = [];

    /// <summary>Sequences of aborted transactions, as [start, end) pairs in the order they were aborted.</summary>
    private readonly List<(long Start, long End)> _aborted = [];
    private readonly object _lock = new();

    /// <summary>
    /// Per key index, the last sequence sent with it and whether that record was a tombstone; kept for compacted topics
    /// only, where it is what the source's log keeps of the key. Memory grows with keys, not records.
    /// </summary>
    private readonly Dictionary<long, KeySent> _latestByKey = [];

    /// <summary>
    /// Records that sequence <paramref name="sequence"/>, keyed <paramref name="keyIndex"/>, was sent (a tombstone when
    /// <paramref name="tombstone"/>): it supersedes whatever the key held. Sequences are sent in order, so the last
    /// call for a key is its latest record.
    /// </summary>
    public void KeySent(long keyIndex, long sequence, bool tombstone)
    {
        lock (_lock)
        {
            _latestByKey[keyIndex] = new KeySent(sequence, tombstone);
        }
    }

    /// <summary>The latest record sent per key index (compacted topics only; empty otherwise).</summary>
    public IReadOnlyDictionary<long, KeySent> LatestByKey
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<long, KeySent>(_latestByKey);
            }
        }
    }

    /// <summary>Records that sequence <paramref name="sequence"/> was acknowledged at <paramref name="offset"/>.</summary>
    public void Acknowledged(long sequence, long offset) => Acknowledged(sequence, offset, 1);

    /// <summary>
    /// Records that <paramref name="count"/> sequences from <paramref name="firstSequence"/> were acknowledged at
    /// consecutive offsets from <paramref name="firstOffset"/>: a whole produce batch under one lock.
    /// </summary>
    public void Acknowledged(long firstSequence, long firstOffset, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_lock)
        {
            if (_ranges.Count > 0)
            {
                var last = _ranges[^1];
                if (last.EndSequence == firstSequence && last.EndOffset == firstOffset)
                {
                    _ranges[^1] = last with { Count = last.Count + count };
                    return;
                }
            }

            _ranges.Add(new LedgerRange(firstSequence, firstOffset, count));
        }
    }

    /// <summary>
    /// Records that sequences [<paramref name="firstSequence"/>, <paramref name="endSequence"/>) belong to an aborted
    /// transaction: any of them acknowledged is taken back out of the acknowledged ranges, because a read_committed
    /// reader never sees them and a correct replicator never copies them, so they are neither owed nor lost.
    /// </summary>
    public void Aborted(long firstSequence, long endSequence)
    {
        if (endSequence <= firstSequence)
        {
            return;
        }

        lock (_lock)
        {
            for (var i = _ranges.Count - 1; i >= 0; i--)
            {
                var range = _ranges[i];
                if (range.EndSequence <= firstSequence)
                {
                    // Ranges come in sequence order and an abort takes the newest: nothing older can overlap, so a
                    // long transactional run does not scan its whole ledger at every abort.
                    break;
                }

                var start = Math.Max(range.FirstSequence, firstSequence);
                var end = Math.Min(range.EndSequence, endSequence);
                if (start >= end)
                {
                    continue;
                }

                // What is left of the range on either side of the aborted sequences, at the offsets they had.
                _ranges.RemoveAt(i);
                if (end < range.EndSequence)
                {
                    _ranges.Insert(i, new LedgerRange(end, range.FirstOffset + (end - range.FirstSequence), range.EndSequence - end));
                }

                if (start > range.FirstSequence)
                {
                    _ranges.Insert(i, range with { Count = start - range.FirstSequence });
                }
            }

            _aborted.Add((firstSequence, endSequence));
        }
    }

    /// <summary>Sequences of aborted transactions, as [start, end) ranges.</summary>
    public IReadOnlyList<(long Start, long End)> AbortedRanges
    {
        get
        {
            lock (_lock)
            {
                return _aborted.ToArray();
            }
        }
    }

    /// <summary>Records of aborted transactions.</summary>
    public long AbortedCount
    {
        get
        {
            lock (_lock)
            {
                return _aborted.Sum(r => r.End - r.Start);
            }
        }
    }

    /// <summary>The ranges, in acknowledgement order.</summary>
    public IReadOnlyList<LedgerRange> Ranges
    {
        get
        {
            lock (_lock)
            {
                return _ranges.ToArray();
            }
        }
    }

    /// <summary>Acknowledged records.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _ranges.Sum(r => r.Count);
            }
        }
    }

    /// <summary>Whether <paramref name="sequence"/> was acknowledged.</summary>
    public bool Contains(long sequence)
    {
        lock (_lock)
        {
            return _ranges.Any(r => sequence >= r.FirstSequence && sequence < r.EndSequence);
        }
    }

    /// <summary>The source offset of an acknowledged sequence, or -1.</summary>
    public long OffsetOf(long sequence)
    {
        lock (_lock)
        {
            foreach (var range in _ranges)
            {
                if (sequence >= range.FirstSequence && sequence < range.EndSequence)
                {
                    return range.FirstOffset + (sequence - range.FirstSequence);
                }
            }

            return -1;
        }
    }

    /// <summary>Number of acknowledged records with a source offset below <paramref name="offset"/>.</summary>
    public long CountBelowOffset(long offset)
    {
        lock (_lock)
        {
            long count = 0;
            foreach (var range in _ranges)
            {
                count += Math.Clamp(offset - range.FirstOffset, 0, range.Count);
            }

            return count;
        }
    }
}
