using Harness.Engine.Load;

namespace Harness.Engine.Verification;

/// <summary>
/// Classifies the target copies of one producer's stream into one source partition as they are read, in
/// target order. A clean stream costs two counters; memory grows only with gaps and anomalies.
/// </summary>
internal sealed class StreamTracker(LedgerKey key, PartitionLedger? ledger)
{
    private readonly List<SequenceRange> _missing = [];
    private readonly HashSet<long> _seenElsewhere = [];
    private long _next;

    public LedgerKey Key { get; } = key;

    public PartitionLedger? Ledger { get; } = ledger;

    public long Delivered { get; private set; }

    public long Duplicated { get; private set; }

    public long Reordered { get; private set; }

    public long Unacknowledged { get; private set; }

    /// <summary>Feeds one well-formed, correctly routed copy; returns the anomaly it shows, if any.</summary>
    public AnomalyClass? Observe(long sequence)
    {
        if (sequence == _next)
        {
            _next++;
            return Count(sequence, null);
        }

        if (sequence > _next)
        {
            _missing.Add(new SequenceRange(_next, sequence));
            _next = sequence + 1;
            return Count(sequence, null);
        }

        var index = _missing.FindIndex(r => r.Contains(sequence));
        if (index < 0)
        {
            Duplicated++;
            return AnomalyClass.Duplicated;
        }

        var range = _missing[index];
        _missing.RemoveAt(index);
        if (sequence > range.Start)
        {
            _missing.Insert(index, range with { End = sequence });
            index++;
        }

        if (sequence + 1 < range.End)
        {
            _missing.Insert(index, range with { Start = sequence + 1 });
        }

        return Count(sequence, AnomalyClass.Reordered);
    }

    /// <summary>Marks a sequence as accounted for by a misrouted or corrupted copy, so it is not also lost.</summary>
    public void SeenElsewhere(long sequence) => _seenElsewhere.Add(sequence);

    private AnomalyClass? Count(long sequence, AnomalyClass? anomaly)
    {
        if (Ledger is not null && !Ledger.Contains(sequence))
        {
            // Written although its producer never heard back: not an error of the replicator.
            Unacknowledged++;
            return null;
        }

        Delivered++;
        if (anomaly == AnomalyClass.Reordered)
        {
            Reordered++;
        }

        return anomaly;
    }

    /// <summary>Acknowledged sequences never seen on the target.</summary>
    public IEnumerable<long> LostSequences()
    {
        if (Ledger is null)
        {
            yield break;
        }

        var gaps = _missing.Append(new SequenceRange(_next, long.MaxValue));
        foreach (var ledgerRange in Ledger.Ranges)
        {
            foreach (var gap in gaps)
            {
                var start = Math.Max(gap.Start, ledgerRange.FirstSequence);
                var end = Math.Min(gap.End, ledgerRange.EndSequence);
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
}
