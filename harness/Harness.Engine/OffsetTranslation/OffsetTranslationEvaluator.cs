using System.Globalization;
using Harness.Engine.Scenarios;
using Harness.Engine.Verification;
using Harness.Mm2.Records;
using Harness.Reports.Model;

namespace Harness.Engine.OffsetTranslation;

/// <summary>
/// Compares every application group's committed source offset with its MM2 checkpoint on the target:
/// translated offsets must never be ahead of the exact position, and caught-up groups must not be sent back
/// more than offset.lag.max records.
/// </summary>
internal static class OffsetTranslationEvaluator
{
    public static (List<OffsetTranslationRow> Rows, List<CheckResult> Checks) Evaluate(
        Scenario scenario,
        IReadOnlyDictionary<(string Group, string Topic, int Partition), long> committed,
        IReadOnlyDictionary<(string Topic, int Partition), long> sourceEnds,
        IReadOnlyDictionary<(string Topic, int Partition), long> targetEnds,
        IReadOnlyDictionary<(string Group, string Topic, int Partition), Checkpoint> checkpoints,
        TranslationMaps maps)
    {
        var rows = new List<OffsetTranslationRow>();
        long missing = 0, ahead = 0, skipped = 0, worstCaughtUpRedelivery = 0;
        foreach (var ((group, topic, partition), offset) in committed.OrderBy(c => c.Key))
        {
            var remote = scenario.Replicator.RemoteTopic(topic);
            long? translated = checkpoints.TryGetValue((group, remote, partition), out var checkpoint) && checkpoint.UpstreamOffset == offset
                ? checkpoint.DownstreamOffset
                : null;
            var check = maps.Check(remote, partition, offset, translated, targetEnds.GetValueOrDefault((remote, partition)));
            if (translated is null)
            {
                missing++;
            }

            if (check.Ahead)
            {
                ahead++;
                skipped += check.Skipped;
            }

            if (offset >= sourceEnds.GetValueOrDefault((topic, partition)))
            {
                worstCaughtUpRedelivery = Math.Max(worstCaughtUpRedelivery, check.Redelivery);
            }

            rows.Add(new OffsetTranslationRow
            {
                Group = group,
                Topic = topic,
                Partition = partition,
                SourceCommitted = offset,
                Translated = translated,
                Exact = translated == check.Exact,
                Ahead = check.Ahead,
                Redelivery = check.Redelivery,
            });
        }

        if (rows.Count == 0)
        {
            return (rows, []);
        }

        var expect = scenario.Expect.OffsetTranslation;
        var checks = new List<CheckResult>
        {
            new()
            {
                Name = "every group offset translated",
                Passed = missing == 0,
                Measured = $"{rows.Count - missing} of {rows.Count} partitions have a checkpoint for the committed offset",
                Expected = "all",
                Message = missing == 0 ? null : $"{missing} group partitions have no MM2 checkpoint for their committed offset: a switched-over consumer would fall back to auto.offset.reset",
            },
            new()
            {
                Name = "translated offsets never ahead",
                Passed = ahead <= expect.Ahead,
                Measured = $"{ahead} partitions ahead, {skipped.ToString(CultureInfo.InvariantCulture)} records would be skipped",
                Expected = $"<= {expect.Ahead} partitions ahead",
                Message = ahead <= expect.Ahead ? null : "a consumer switched over at these offsets would never read records it had not consumed on the source",
            },
            new()
            {
                Name = "re-delivery of caught-up groups within bound",
                Passed = worstCaughtUpRedelivery <= expect.MaxRedelivery,
                Measured = $"at most {worstCaughtUpRedelivery} records",
                Expected = $"<= {expect.MaxRedelivery} (offset.lag.max)",
                Message = worstCaughtUpRedelivery <= expect.MaxRedelivery ? null : "caught-up groups would read more records again after switching over than offset.lag.max allows",
            },
        };
        return (rows, checks);
    }
}
