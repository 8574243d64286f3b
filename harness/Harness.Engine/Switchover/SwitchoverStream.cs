using Harness.Engine.Load;
using Harness.Engine.Verification;

namespace Harness.Engine.Switchover;

/// <summary>
/// One producer's acknowledged records in one source partition, split at the group's committed offset into those the
/// group had consumed and those it had not, with the unconsumed ones a switched-over consumer has read. Memory follows
/// the ledger's ranges and the gaps in what was read, never the number of records.
/// </summary>
internal sealed class SwitchoverStream
{
    private readonly SequenceRange[] _consumed;
    private readonly SequenceRange[] _unconsumed;
    private readonly SequenceRangeSet _read = new();

    /// <summary>On a compacted topic, the unconsumed sequences that are their key's latest record: the only ones a consumer can miss.</summary>
    private readonly long[]? _latestUnconsumed;

    /// <summary>
    /// Splits <paramref name="acknowledged"/> at source offset <paramref name="committed"/>. On a compacted topic,
    /// <paramref name="latestOfKeys"/> are the stream's sequences that are their key's latest record: compaction may
    /// remove any other before the consumer reads it, and a later record of its key follows, so only those are missed.
    /// </summary>
    public SwitchoverStream(IEnumerable<LedgerRange> acknowledged, long committed, IEnumerable<long>? latestOfKeys = null)
    {
        var consumed = new List<SequenceRange>();
        var unconsumed = new List<SequenceRange>();
        foreach (var range in acknowledged.OrderBy(r => r.FirstSequence))
        {
            // Within a range sequence and offset rise together, so the split is one subtraction.
            var split = range.FirstSequence + Math.Clamp(committed - range.FirstOffset, 0, range.Count);
            if (split > range.FirstSequence)
            {
                Append(consumed, new SequenceRange(range.FirstSequence, split));
            }

            if (split < range.EndSequence)
            {
                Append(unconsumed, new SequenceRange(split, range.EndSequence));
            }
        }

        _consumed = [.. consumed];
        _unconsumed = [.. unconsumed];
        Unconsumed = unconsumed.Sum(r => r.Count);
        _latestUnconsumed = latestOfKeys?.Where(s => Holds(_unconsumed, s)).ToArray();
    }

    /// <summary>Acknowledged records at or after the committed offset.</summary>
    public long Unconsumed { get; }

    /// <summary>Unconsumed records not read (yet).</summary>
    public long Missing => _latestUnconsumed is { } latest ? latest.Count(s => !_read.Contains(s)) : Unconsumed - _read.Count;

    /// <summary>Reads of records the group had already consumed, every copy counted.</summary>
    public long ReRead { get; private set; }

    /// <summary>Reads of sequences the ledger has no acknowledgement for: not the group's to miss or re-read.</summary>
    public long Unacknowledged { get; private set; }

    /// <summary>Ranges held for the consumed and unconsumed sequences: one or two however the producers interleaved.</summary>
    public int SplitRanges => _consumed.Length + _unconsumed.Length;

    /// <summary>Ranges held for what was read: stays small when the target is read in order.</summary>
    public int ReadRanges => _read.RangeCount;

    /// <summary>Counts one record of this stream read on the target.</summary>
    public void Observe(long sequence)
    {
        if (Holds(_unconsumed, sequence))
        {
            _read.Add(sequence);
        }
        else if (Holds(_consumed, sequence))
        {
            ReRead++;
        }
        else
        {
            Unacknowledged++;
        }
    }

    /// <summary>
    /// Adds a range, joined to the last when it follows on: where producers share a partition the ledger has a range per
    /// batch, and their sequences still run on, so a stream stays one or two ranges.
    /// </summary>
    private static void Append(List<SequenceRange> ranges, SequenceRange range)
    {
        if (ranges.Count > 0 && ranges[^1].End == range.Start)
        {
            ranges[^1] = ranges[^1] with { End = range.End };
        }
        else
        {
            ranges.Add(range);
        }
    }

    private static bool Holds(SequenceRange[] ranges, long sequence)
    {
        int low = 0, high = ranges.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (sequence < ranges[middle].Start)
            {
                high = middle - 1;
            }
            else if (sequence >= ranges[middle].End)
            {
                low = middle + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}
