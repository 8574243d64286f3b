using System.Globalization;
using Harness.Engine.Scenarios;
using Harness.Reports.Model;

namespace Harness.Engine.Switchover;

/// <summary>
/// Turns a switchover rehearsal into its report section and its check: a consumer switched over at the translated
/// offsets must read every record its group had not consumed on the source (the <c>offsetTranslation.ahead</c>
/// bound: partitions allowed to skip records, 0 by default), and caught-up partitions must not be sent back more
/// than <c>offsetTranslation.maxRedelivery</c> (MM2's offset.lag.max) records, as in the offset translation checks.
/// </summary>
internal static class SwitchoverEvaluator
{
    /// <summary>The report section of one group.</summary>
    public static SwitchoverResult Result(
        string group,
        string consumerGroupId,
        SwitchoverStartSource source,
        IReadOnlyDictionary<(string Topic, int Partition), SwitchoverStart> starts,
        SwitchoverReadOutcome read,
        IReadOnlyList<SwitchoverPartitionTally> tallies,
        Func<string, string> remoteTopic,
        IReadOnlyDictionary<(string Topic, int Partition), long> targetEnds)
    {
        var partitions = tallies.Select(t =>
        {
            var remote = (remoteTopic(t.Topic), t.Partition);
            var start = starts.GetValueOrDefault(remote, new SwitchoverStart(null, SwitchoverStartSource.Earliest));
            return new SwitchoverPartition
            {
                Topic = t.Topic,
                TargetTopic = remote.Item1,
                Partition = t.Partition,
                SourceCommitted = t.Committed,
                StartSource = start.Source,
                StartOffset = read.StartOffsets.GetValueOrDefault(remote, start.Offset ?? 0),
                EndOffset = targetEnds.GetValueOrDefault(remote),
                Unconsumed = t.Unconsumed,
                Missing = t.Missing,
                ReRead = t.ReRead,
            };
        }).ToList();
        return new SwitchoverResult
        {
            Group = group,
            ConsumerGroupId = consumerGroupId,
            StartSource = source,
            Complete = read.Complete,
            RecordsRead = read.RecordsRead,
            Unconsumed = partitions.Sum(p => p.Unconsumed),
            Missing = partitions.Sum(p => p.Missing),
            ReRead = partitions.Sum(p => p.ReRead),
            Partitions = partitions,
        };
    }

    /// <summary>One pass/fail check per group, named "switchover GROUP".</summary>
    public static List<CheckResult> Checks(OffsetTranslationExpectation expect, IEnumerable<SwitchoverResult> results) =>
        results.Select(r => Check(expect, r)).ToList();

    private static CheckResult Check(OffsetTranslationExpectation expect, SwitchoverResult result)
    {
        var skipping = result.Partitions.Count(p => p.Missing > 0);

        // A group that had consumed a partition to its end is caught up: only there does MM2 bound re-delivery.
        var worstCaughtUp = result.Partitions.Where(p => p.Unconsumed == 0).Select(p => p.ReRead).DefaultIfEmpty(0).Max();
        var atEarliest = result.Partitions.Count(p => p.StartSource == SwitchoverStartSource.Earliest);
        var problems = new List<string>();
        if (skipping > expect.Ahead)
        {
            problems.Add($"a consumer switched over at these offsets would never read {N(result.Missing)} records the group had not consumed on the source ({skipping} partitions)");
        }

        if (worstCaughtUp > expect.MaxRedelivery)
        {
            problems.Add($"a caught-up partition would be sent back {N(worstCaughtUp)} already-consumed records, more than offset.lag.max allows");
        }

        if (!result.Complete)
        {
            problems.Add("the target could not be read to its end in time, so the counts are incomplete");
        }

        return new CheckResult
        {
            Name = $"switchover {result.Group}",
            Passed = problems.Count == 0,
            Measured = $"{N(result.Missing)} missing of {N(result.Unconsumed)} unconsumed, {N(result.ReRead)} re-read (caught-up partitions at most {N(worstCaughtUp)}); "
                + $"started from {Describe(result.StartSource)} on {result.Partitions.Count} partitions"
                + (atEarliest > 0 && result.StartSource != SwitchoverStartSource.Earliest ? $", {atEarliest} at earliest (no translation)" : ""),
            Expected = (expect.Ahead == 0 ? "0 missing" : $"missing records in <= {expect.Ahead} partitions")
                + $", caught-up re-read <= {expect.MaxRedelivery} (offset.lag.max), read to the end",
            Message = problems.Count == 0 ? null : string.Join("; ", problems),
        };
    }

    /// <summary>The start-offset source in words, for checks and progress lines.</summary>
    public static string Describe(SwitchoverStartSource source) => source switch
    {
        SwitchoverStartSource.Checkpoint => "checkpoints",
        SwitchoverStartSource.SyncedGroupOffset => "synced group offsets",
        _ => "earliest (no translation)",
    };

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
