namespace Harness.Engine.Verification;

/// <summary>
/// A set of sequences kept as sorted, disjoint ranges. Records read in order extend the last range, so a partition
/// read cleanly costs one range however many records it holds; only gaps and out-of-order reads add ranges.
/// </summary>
internal sealed class SequenceRangeSet
{
    private readonly List<SequenceRange> _ranges = [];

    /// <summary>Sequences in the set.</summary>
    public long Count { get; private set; }

    /// <summary>The ranges held: what the memory of the set grows with.</summary>
    public int RangeCount => _ranges.Count;

    /// <summary>The ranges, sorted and disjoint.</summary>
    public IReadOnlyList<SequenceRange> Ranges => _ranges;

    /// <summary>Adds <paramref name="sequence"/>; false when it was already in the set.</summary>
    public bool Add(long sequence)
    {
        var at = FirstEndingAtOrAfter(sequence);
        if (at < _ranges.Count)
        {
            var range = _ranges[at];
            if (range.Contains(sequence))
            {
                return false;
            }

            if (range.End == sequence)
            {
                // Joins the next range when it starts right after: the set stays disjoint and minimal.
                if (at + 1 < _ranges.Count && _ranges[at + 1].Start == sequence + 1)
                {
                    _ranges[at] = new SequenceRange(range.Start, _ranges[at + 1].End);
                    _ranges.RemoveAt(at + 1);
                }
                else
                {
                    _ranges[at] = range with { End = sequence + 1 };
                }
            }
            else if (range.Start == sequence + 1)
            {
                _ranges[at] = range with { Start = sequence };
            }
            else
            {
                _ranges.Insert(at, new SequenceRange(sequence, sequence + 1));
            }
        }
        else
        {
            _ranges.Add(new SequenceRange(sequence, sequence + 1));
        }

        Count++;
        return true;
    }

    /// <summary>Whether <paramref name="sequence"/> is in the set.</summary>
    public bool Contains(long sequence)
    {
        var at = FirstEndingAtOrAfter(sequence);
        return at < _ranges.Count && _ranges[at].Contains(sequence);
    }

    /// <summary>Index of the first range whose end is at or after <paramref name="sequence"/> (the range count when none is).</summary>
    private int FirstEndingAtOrAfter(long sequence)
    {
        // In-order reads land at the last range: answer that without a search.
        if (_ranges.Count == 0 || _ranges[^1].End < sequence)
        {
            return _ranges.Count;
        }

        int low = 0, high = _ranges.Count - 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_ranges[middle].End < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
