using Harness.Mm2.Records;
using Harness.Mm2.Translation;

namespace Harness.Mm2.Tests.Translation;

/// <summary>
/// Replays random replication histories (source gaps, filtered records, target gaps, syncs at random records)
/// and checks every translation against the true position of the group in the target, and the slots against MM2's
/// rules after every sync.
/// </summary>
public sealed class OffsetTranslatorRandomizedTests
{
    private const int Seed = 424_242;
    private static readonly TopicPartition Partition = new("orders", 0);

    [Test]
    public void Translation_is_never_ahead_and_the_slots_keep_the_rules()
    {
        var random = new Random(Seed);
        var tally = new Tally();
        for (var run = 0; run < 60; run++)
        {
            ReplayOneHistory(random, tally);
        }

        tally.Failures.Should().BeEmpty();
        tally.Translations.Should().BeGreaterThan(10_000, "the seed should exercise many translations");
        tally.FromOlderSync.Should().BeGreaterThan(100, "the seed should exercise groups whose best sync was dropped");
    }

    private static void ReplayOneHistory(Random random, Tally tally)
    {
        var translator = new OffsetTranslator();
        var replicated = new List<(long Upstream, long Downstream)>();
        var allSyncs = new List<OffsetSync>();
        var dropRate = random.NextDouble() * 0.4;
        var syncRate = 0.005 + (random.NextDouble() * 0.3);
        var upstream = (long)random.Next(0, 1_000);
        var nextDownstream = (long)random.Next(0, 1_000);
        var records = random.Next(500, 6_000);

        for (var i = 0; i < records; i++)
        {
            // Compaction, aborted transactions and filters leave source offsets with nothing replicated.
            upstream += random.NextDouble() < 0.1 ? random.Next(2, 50) : 1;
            if (random.NextDouble() < dropRate)
            {
                continue;
            }

            // Transaction markers on the target side consume offsets too.
            if (random.NextDouble() < 0.05)
            {
                nextDownstream += random.Next(1, 4);
            }

            replicated.Add((upstream, nextDownstream));
            if (replicated.Count == 1 || random.NextDouble() < syncRate)
            {
                var sync = new OffsetSync(Partition.Topic, Partition.Partition, upstream, nextDownstream);
                translator.Add(sync);
                allSyncs.Add(sync);
                CheckSlots(translator.Slots(Partition), sync, tally);
            }

            nextDownstream++;

            if (random.NextDouble() < 0.02)
            {
                CheckTranslations(random, translator, replicated, allSyncs, nextDownstream, tally);
            }
        }

        CheckTranslations(random, translator, replicated, allSyncs, nextDownstream, tally);
    }

    /// <summary>Rules A, B and C of <see cref="OffsetTranslator"/>'s store, checked for every pair of slots.</summary>
    private static void CheckSlots(IReadOnlyList<OffsetSync> slots, OffsetSync latest, Tally tally)
    {
        if (!ReferenceEquals(slots[0], latest))
        {
            tally.Failures.Add($"slot 0 holds {slots[0]}, not the latest {latest}");
        }

        // Runs of slots holding one sync; between two runs the tightest pair for both rules is the newer run's
        // last slot (i) against the older run's first slot (j), so checking those covers every pair of slots.
        var runs = new List<(int First, int Last)>();
        for (var slot = 0; slot < slots.Count; slot++)
        {
            if (slot > 0 && ReferenceEquals(slots[slot], slots[slot - 1]))
            {
                runs[^1] = (runs[^1].First, slot);
            }
            else
            {
                runs.Add((slot, slot));
            }
        }

        for (var newer = 0; newer < runs.Count; newer++)
        {
            for (var older = newer + 1; older < runs.Count; older++)
            {
                var i = runs[newer].Last;
                var j = runs[older].First;
                // Decimal, so 2^63 does not wrap.
                var gap = (decimal)slots[i].UpstreamOffset - slots[j].UpstreamOffset;
                if (gap > (decimal)(1UL << j) - (1UL << i))
                {
                    tally.Failures.Add($"rule B: slot {i} ({slots[i].UpstreamOffset}) too far ahead of slot {j} ({slots[j].UpstreamOffset})");
                }

                if (gap < 1UL << Math.Max(i - 2, 0))
                {
                    tally.Failures.Add($"rule C: slot {i} ({slots[i].UpstreamOffset}) too close to slot {j} ({slots[j].UpstreamOffset})");
                }
            }
        }
    }

    private static void CheckTranslations(
        Random random,
        OffsetTranslator translator,
        List<(long Upstream, long Downstream)> replicated,
        List<OffsetSync> allSyncs,
        long downstreamEnd,
        Tally tally)
    {
        var first = replicated[0].Upstream;
        var last = replicated[^1].Upstream;
        var retained = translator.RetainedSyncs(Partition);
        var previous = long.MinValue;
        var groupOffsets = Enumerable.Range(0, 40)
            .Select(_ => first - 5 + random.NextInt64(0, last - first + 12))
            .Append(first).Append(last).Append(last + 1)
            .Order();

        foreach (var group in groupOffsets)
        {
            tally.Translations++;
            var translated = translator.TryTranslate(Partition, group, out var downstream);
            var best = LastAtOrBefore(allSyncs, s => s.UpstreamOffset, group);
            if (best is null)
            {
                Expect(!translated, () => $"group offset {group} has no sync before it but translated to {downstream}");
                continue;
            }

            if (!Expect(translated, () => $"group offset {group} was not translated although {best} precedes it"))
            {
                continue;
            }

            // The group has consumed everything before `group`; its next record is the first replicated one at or
            // after it, or whatever comes next in the target.
            var next = FirstAtOrAfter(replicated, group);
            var truePosition = next >= 0 ? replicated[next].Downstream : downstreamEnd;
            Expect(downstream <= truePosition, () => $"group offset {group} translated to {downstream}, ahead of {truePosition}");

            var used = LastAtOrBefore(retained, s => s.UpstreamOffset, group)!;
            Expect(
                downstream == used.DownstreamOffset + (group == used.UpstreamOffset ? 0 : 1),
                () => $"group offset {group} translated to {downstream}, not by the rule from {used}");
            if (used != best)
            {
                tally.FromOlderSync++;
            }

            Expect(downstream >= previous, () => $"group offset {group} translated to {downstream}, behind a lower group offset's {previous}");
            previous = downstream;
        }

        bool Expect(bool condition, Func<string> failure)
        {
            if (!condition)
            {
                tally.Failures.Add(failure());
            }

            return condition;
        }
    }

    private static T? LastAtOrBefore<T>(IReadOnlyList<T> sorted, Func<T, long> upstream, long offset)
        where T : class
    {
        var low = 0;
        var high = sorted.Count - 1;
        T? found = null;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (upstream(sorted[middle]) <= offset)
            {
                found = sorted[middle];
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    private static int FirstAtOrAfter(List<(long Upstream, long Downstream)> sorted, long offset)
    {
        var low = 0;
        var high = sorted.Count - 1;
        var found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle].Upstream >= offset)
            {
                found = middle;
                high = middle - 1;
            }
            else
            {
                low = middle + 1;
            }
        }

        return found;
    }

    private sealed class Tally
    {
        public List<string> Failures { get; } = [];

        public int Translations { get; set; }

        public int FromOlderSync { get; set; }
    }
}
