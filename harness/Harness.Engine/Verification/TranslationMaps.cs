using Harness.Engine.Load;

namespace Harness.Engine.Verification;

/// <summary>
/// Where each source record landed on the target, for checking translated consumer offsets: the target
/// offset map of every remote partition and the ledger that turns sequences into source offsets.
/// </summary>
public sealed class TranslationMaps
{
    private readonly IReadOnlyDictionary<(string Topic, int Partition), TargetPartitionMap> _maps;
    private readonly Ledger _ledger;
    private readonly IReadOnlyDictionary<string, IReadOnlySet<(LedgerKey Stream, long Sequence)>> _latestOfKeys;

    /// <param name="maps">The target offset map of every remote partition.</param>
    /// <param name="ledger">The ledger that turns sequences into source offsets.</param>
    /// <param name="latestOfKeys">
    /// Per remote topic of a compacted topic, the source's latest record of every key: skipping any other record
    /// skips nothing a reader of a compacted topic needs, since a later record of its key follows.
    /// </param>
    internal TranslationMaps(IReadOnlyDictionary<(string Topic, int Partition), TargetPartitionMap> maps, Ledger ledger,
        IReadOnlyDictionary<string, IReadOnlySet<(LedgerKey Stream, long Sequence)>>? latestOfKeys = null)
    {
        _maps = maps;
        _ledger = ledger;
        _latestOfKeys = latestOfKeys ?? new Dictionary<string, IReadOnlySet<(LedgerKey, long)>>();
    }

    /// <summary>Per remote topic of a compacted topic, the source's latest record of every key.</summary>
    internal IReadOnlyDictionary<string, IReadOnlySet<(LedgerKey Stream, long Sequence)>> LatestOfKeys => _latestOfKeys;

    /// <summary>
    /// Checks a translated offset of a group that committed <paramref name="committed"/> on the source partition.
    /// Exact is the first target offset holding a record the group had not consumed (or the target end).
    /// </summary>
    public TranslationCheck Check(string targetTopic, int partition, long committed, long? translated, long targetEnd)
    {
        // One pass in target order. The first segment holding an unconsumed record gives the exact offset (those after
        // it start later); segments before the translated offset give the unconsumed records it would skip, and those
        // from it on take back the ones that have a copy there. A partition where producers share the source partition
        // has a segment per batch, so the pass stops as soon as nothing after can change the answer.
        var exact = targetEnd;
        var found = false;
        var candidates = new HashSet<(LedgerKey, long)>();
        if (_maps.TryGetValue((targetTopic, partition), out var map))
        {
            map.Visit(segment =>
            {
                var before = translated is { } position && segment.TargetOffset < position;
                if (!found || before)
                {
                    var first = FirstAtOrAfter(segment, committed);
                    if (!found && first < segment.Count)
                    {
                        exact = segment.TargetOffset + first;
                        found = true;
                    }

                    if (before)
                    {
                        var end = Math.Min(segment.Count, translated!.Value - segment.TargetOffset);
                        for (var i = first; i < end; i++)
                        {
                            candidates.Add((segment.Stream, segment.FirstSequence + i));
                        }
                    }
                }

                if (translated is { } at && segment.EndTargetOffset > at && candidates.Count > 0)
                {
                    var start = Math.Max(0, at - segment.TargetOffset);
                    candidates.RemoveWhere(c => c.Item1 == segment.Stream && c.Item2 >= segment.FirstSequence + start && c.Item2 < segment.FirstSequence + segment.Count);
                }

                return !found || (translated is { } p && (segment.EndTargetOffset < p || candidates.Count > 0));
            });
        }

        if (translated is not { } translatedPosition)
        {
            return new TranslationCheck(exact, null, 0, 0);
        }

        var skipped = _latestOfKeys.TryGetValue(targetTopic, out var latest) ? candidates.Count(latest.Contains) : candidates.Count;
        return new TranslationCheck(exact, translatedPosition, skipped, Math.Max(0, exact - translatedPosition), translatedPosition > targetEnd);
    }

    /// <summary>Index within the segment of its first record whose source offset is at or after <paramref name="sourceOffset"/>.</summary>
    private long FirstAtOrAfter(TargetSegment segment, long sourceOffset)
    {
        var ledger = _ledger.Find(segment.Stream.Topic, segment.Stream.Partition, segment.Stream.ProducerId);
        if (ledger is null)
        {
            return segment.Count;
        }

        // Source offsets rise with sequence within a stream, so a binary search finds the boundary.
        long low = 0, high = segment.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var offset = ledger.OffsetOf(segment.FirstSequence + middle);
            if (offset >= sourceOffset || offset < 0)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
