namespace Harness.Engine.Load;

/// <summary>
/// The acknowledged records of one source partition as ranges of (sequence, offset). An idempotent producer
/// acknowledges a partition's records in order, so a partition only one producer writes is a single range. Where
/// several producers share a partition their batches interleave and each batch starts a range: those are packed a few
/// bytes each (<see cref="PackedRows"/>), and the acknowledged sequences alone, which are all the verifier asks for,
/// are kept apart as merged ranges that grow with gaps and aborts, not with batches.
/// </summary>
public sealed class PartitionLedger
{
    private const int First = 0;
    private const int Offset = 1;
    private const int Length = 2;

    /// <summary>(first sequence, first offset, count) per range, in acknowledgement order.</summary>
    private readonly PackedRows _ranges = new(3);

    /// <summary>The acknowledged sequences as sorted, disjoint, merged [start, end) ranges.</summary>
    private readonly List<(long Start, long End)> _sequences = [];

    /// <summary>Whether every range starts at or after the end of the one before: sequence lookups can then search.</summary>
    private bool _ordered = true;
    private long _acknowledged;

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
            Append(firstSequence, firstOffset, count);
        }
    }

    private void Append(long firstSequence, long firstOffset, long count)
    {
        _acknowledged += count;
        if (_ranges.Count > 0)
        {
            var last = _ranges.Last;
            if (last[First] + last[Length] == firstSequence && last[Offset] + last[Length] == firstOffset)
            {
                _ranges.ReplaceLast([last[First], last[Offset], last[Length] + count]);
                AddSequences(firstSequence, firstSequence + count);
                return;
            }

            _ordered &= firstSequence >= last[First] + last[Length];
        }

        _ranges.Add([firstSequence, firstOffset, count]);
        AddSequences(firstSequence, firstSequence + count);
    }

    private void AddSequences(long start, long end)
    {
        if (_sequences.Count > 0 && _sequences[^1].End == start)
        {
            _sequences[^1] = (_sequences[^1].Start, end);
        }
        else if (_sequences.Count == 0 || _sequences[^1].End < start)
        {
            _sequences.Add((start, end));
        }
        else
        {
            // Out of order (a producer that is not idempotent): rebuild the merged ranges from every range.
            _sequences.Clear();
            var all = new List<(long Start, long End)>();
            _ranges.ForEach(r =>
            {
                all.Add((r[First], r[First] + r[Length]));
                return true;
            });
            foreach (var (s, e) in all.OrderBy(r => r.Start))
            {
                if (_sequences.Count > 0 && _sequences[^1].End >= s)
                {
                    _sequences[^1] = (_sequences[^1].Start, Math.Max(_sequences[^1].End, e));
                }
                else
                {
                    _sequences.Add((s, e));
                }
            }
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
            // Ranges come in sequence order and an abort takes the newest: only ranges from the first one ending after
            // the abort's start are touched, so a long transactional run does not rewrite its whole ledger at every abort.
            Span<long> row = stackalloc long[3];
            var from = _ranges.Count;
            while (from > 0)
            {
                _ranges.Get(from - 1, row);
                if (row[First] + row[Length] <= firstSequence)
                {
                    break;
                }

                from--;
            }

            var tail = new List<LedgerRange>();
            for (var i = from; i < _ranges.Count; i++)
            {
                _ranges.Get(i, row);
                tail.Add(new LedgerRange(row[First], row[Offset], row[Length]));
            }

            _ranges.Truncate(from);
            foreach (var range in tail)
            {
                _acknowledged -= range.Count;
            }

            // What is left of each range on either side of the aborted sequences, at the offsets they had.
            foreach (var range in tail)
            {
                var start = Math.Max(range.FirstSequence, firstSequence);
                var end = Math.Min(range.EndSequence, endSequence);
                if (start >= end)
                {
                    AppendKept(range);
                    continue;
                }

                if (start > range.FirstSequence)
                {
                    AppendKept(range with { Count = start - range.FirstSequence });
                }

                if (end < range.EndSequence)
                {
                    AppendKept(new LedgerRange(end, range.FirstOffset + (end - range.FirstSequence), range.EndSequence - end));
                }
            }

            RemoveSequences(firstSequence, endSequence);
            _aborted.Add((firstSequence, endSequence));
        }
    }

    /// <summary>Re-appends a range kept by an abort, never merging it into the one before (the abort split them).</summary>
    private void AppendKept(LedgerRange range)
    {
        _acknowledged += range.Count;
        _ranges.Add([range.FirstSequence, range.FirstOffset, range.Count]);
    }

    private void RemoveSequences(long start, long end)
    {
        for (var i = _sequences.Count - 1; i >= 0; i--)
        {
            var (s, e) = _sequences[i];
            if (e <= start)
            {
                break;
            }

            var cutStart = Math.Max(s, start);
            var cutEnd = Math.Min(e, end);
            if (cutStart >= cutEnd)
            {
                continue;
            }

            _sequences.RemoveAt(i);
            if (cutEnd < e)
            {
                _sequences.Insert(i, (cutEnd, e));
            }

            if (cutStart > s)
            {
                _sequences.Insert(i, (s, cutStart));
            }
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

    /// <summary>The ranges, in acknowledgement order: one per produce batch where producers share the partition.</summary>
    public IReadOnlyList<LedgerRange> Ranges
    {
        get
        {
            lock (_lock)
            {
                var ranges = new List<LedgerRange>(_ranges.Count);
                _ranges.ForEach(r =>
                {
                    ranges.Add(new LedgerRange(r[First], r[Offset], r[Length]));
                    return true;
                });
                return ranges;
            }
        }
    }

    /// <summary>
    /// The acknowledged sequences as sorted, disjoint [start, end) ranges, whatever offsets they got: a clean partition
    /// is one range however many producers share it.
    /// </summary>
    public IReadOnlyList<(long Start, long End)> SequenceRanges
    {
        get
        {
            lock (_lock)
            {
                return _sequences.ToArray();
            }
        }
    }

    /// <summary>The ranges held: what the ledger's memory grows with.</summary>
    public int RangeCount
    {
        get
        {
            lock (_lock)
            {
                return _ranges.Count;
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
                return _acknowledged;
            }
        }
    }

    /// <summary>Whether <paramref name="sequence"/> was acknowledged.</summary>
    public bool Contains(long sequence) => OffsetOf(sequence) >= 0;

    /// <summary>The source offset of an acknowledged sequence, or -1.</summary>
    public long OffsetOf(long sequence)
    {
        lock (_lock)
        {
            Span<long> row = stackalloc long[3];
            if (_ordered)
            {
                var at = _ranges.LastAtOrBelow(First, sequence, row);
                return at >= 0 && sequence < row[First] + row[Length] ? row[Offset] + (sequence - row[First]) : -1;
            }

            for (var i = 0; i < _ranges.Count; i++)
            {
                _ranges.Get(i, row);
                if (sequence >= row[First] && sequence < row[First] + row[Length])
                {
                    return row[Offset] + (sequence - row[First]);
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
            _ranges.ForEach(r =>
            {
                count += Math.Clamp(offset - r[Offset], 0, r[Length]);
                return true;
            });
            return count;
        }
    }
}
