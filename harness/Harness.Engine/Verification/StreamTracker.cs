using Harness.Engine.Load;

namespace Harness.Engine.Verification;

/// <summary>
/// Classifies the target copies of one producer's stream into one source partition, in target order, as they
/// are read. It needs no ledger while reading (the target may show a record before its producer heard the
/// acknowledgement); the ledger is consulted once at the end. A clean stream costs two counters.
/// </summary>
internal sealed class StreamTracker(LedgerKey key)
{
    private readonly List<SequenceRange> _missing = [];
    /// <summary>Sequences accounted for by a misrouted or corrupted copy: ranges, as a sabotaged stream may have millions.</summary>
    private readonly SequenceRangeSet _seenElsewhere = new();
    private long _next;

    public LedgerKey Key { get; } = key;

    /// <summary>First copies seen in their home partition.</summary>
    public long FirstCopies { get; private set; }

    public long Duplicated { get; private set; }

    public long Reordered { get; private set; }

    /// <summary>Sequences skipped and not yet filled, as ranges: what the tracker's memory grows with.</summary>
    public int GapCount => _missing.Count;

    /// <summary>Feeds one well-formed, correctly routed copy; returns the anomaly it shows, if any.</summary>
    public AnomalyClass? Observe(long sequence)
    {
        if (sequence == _next)
        {
            _next++;
            FirstCopies++;
            return null;
        }

        if (sequence > _next)
        {
            _missing.Add(new SequenceRange(_next, sequence));
            _next = sequence + 1;
            FirstCopies++;
            return null;
        }

        var index = GapOf(sequence);
        if (index < 0)
        {
            Duplicated++;
            return AnomalyClass.Duplicated;
        }

        var range = _missing[index];
        _missing.RemoveAt(index);
        if (sequence + 1 < range.End)
        {
            _missing.Insert(index, range with { Start = sequence + 1 });
        }

        if (sequence > range.Start)
        {
            _missing.Insert(index, range with { End = sequence });
        }

        FirstCopies++;
        Reordered++;
        return AnomalyClass.Reordered;
    }

    /// <summary>Marks a sequence as accounted for by a misrouted or corrupted copy, so it is not also lost.</summary>
    public void SeenElsewhere(long sequence) => _seenElsewhere.Add(sequence);

    /// <summary>Whether a first copy of <paramref name="sequence"/> was seen in its home partition.</summary>
    public bool Seen(long sequence) => sequence < _next && GapOf(sequence) < 0;

    /// <summary>
    /// The index of the gap holding <paramref name="sequence"/>, or -1. The gaps are sorted and disjoint (each opens past
    /// the ones before, and filling one only splits it in place), so a binary search finds it: a stream with thousands
    /// of lost records must not scan them all for every duplicate it reads.
    /// </summary>
    private int GapOf(long sequence)
    {
        int low = 0, high = _missing.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var gap = _missing[middle];
            if (sequence < gap.Start)
            {
                high = middle - 1;
            }
            else if (sequence >= gap.End)
            {
                low = middle + 1;
            }
            else
            {
                return middle;
            }
        }

        return -1;
    }

    /// <summary>
    /// How many sequences of [<paramref name="start"/>, <paramref name="end"/>) have a first copy in their home
    /// partition, counted over the gaps rather than sequence by sequence.
    /// </summary>
    public long SeenIn(long start, long end)
    {
        var upTo = Math.Min(_next, end);
        var seen = Math.Max(0, upTo - start);
        foreach (var gap in _missing)
        {
            seen -= Math.Max(0, Math.Min(gap.End, upTo) - Math.Max(gap.Start, start));
        }

        return seen;
    }

    /// <summary>Acknowledged sequences with no copy anywhere on the target.</summary>
    public IEnumerable<long> LostSequences(PartitionLedger? ledger)
    {
        if (ledger is null)
        {
            yield break;
        }

        var gaps = _missing.Append(new SequenceRange(_next, long.MaxValue)).ToList();
        foreach (var acknowledged in ledger.SequenceRanges)
        {
            foreach (var gap in gaps)
            {
                var start = Math.Max(gap.Start, acknowledged.Start);
                var end = Math.Min(gap.End, acknowledged.End);
                for (var s = start; s < end; s++)
                {
                    if (!_seenElsewhere.Contains(s))
                    {
                        yield return s;
                    }
                }
            }
        }
    }

    /// <summary>First copies whose producer never heard an acknowledgement (written, but not in the ledger).</summary>
    public long Unacknowledged(PartitionLedger? ledger)
    {
        var acknowledgedSeen = 0L;
        if (ledger is not null)
        {
            foreach (var acknowledged in ledger.SequenceRanges)
            {
                var end = Math.Min(_next, acknowledged.End);
                var inRange = Math.Max(0, end - acknowledged.Start);
                foreach (var gap in _missing)
                {
                    inRange -= Math.Max(0, Math.Min(gap.End, end) - Math.Max(gap.Start, acknowledged.Start));
                }

                acknowledgedSeen += inRange;
            }
        }

        return FirstCopies - acknowledgedSeen;
    }
}
