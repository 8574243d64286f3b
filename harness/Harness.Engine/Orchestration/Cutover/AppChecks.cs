using System.Globalization;
using Harness.Engine.Apps;
using Harness.Reports.Model;

namespace Harness.Engine.Orchestration;

/// <summary>The per-app checks of a cut-over and the rows of the report's app table.</summary>
internal static class AppChecks
{
    public static (List<CheckResult> Checks, List<AppReport> Rows) Evaluate(Scenarios.Scenario scenario, AppHost apps, CutoverTimeline? timeline, long? sourceGrowth)
    {
        var checks = new List<CheckResult>();
        var rows = new List<AppReport>();
        foreach (var app in scenario.Apps)
        {
            var producers = apps.Producers.Where(p => p.App == app.Name).ToList();
            var row = new AppReport
            {
                Name = app.Name,
                ProducersOn = producers.Count == 0 ? null : producers.All(p => p.OnTarget) ? "target" : "source",
                Produced = producers.Sum(p => p.Produced.Acknowledged),
                ProducedOnTarget = producers.Sum(p => p.Produced.AcknowledgedOnTarget),
                ProduceFailed = producers.Sum(p => p.Produced.Failed),
                PauseSeconds = producers.Count == 0 ? 0 : producers.Max(p => p.Paused.TotalSeconds),
            };
            if (apps.Groups.TryGetValue(app.Name, out var group))
            {
                var tracker = group.Settings.Tracker;
                var read = group.Settings.SourceTopics.Values.ToHashSet(StringComparer.Ordinal);
                var produced = apps.Producers.Where(p => read.Contains(p.Topic))
                    .SelectMany(p => p.Produced.Keys().Select(k => (new StreamKey((ushort)Index(scenario, p.App), p.Topic, k.Key), k.Acknowledged, p.KeyText(k.Key))));
                var (missing, missingExamples) = tracker.Missing(produced);
                var reorderExamples = tracker.Examples.Select(e => string.Create(CultureInfo.InvariantCulture,
                    $"{e.Topic} key {e.Key}: sequence {e.Sequence} read after {e.Newest} ({e.Topic}/{e.Partition}@{e.Offset})")).ToList();
                row = row with
                {
                    Group = group.Settings.Spec.Group,
                    ConsumersOn = group.OnTarget ? "target" : "source",
                    Consumed = tracker.Consumed,
                    ConsumedOnTarget = tracker.ConsumedOnTarget,
                    Missing = missing,
                    ReRead = tracker.ReReads,
                    DuplicatesAcrossMove = tracker.ReReadsAcrossMove,
                    Reordered = tracker.Reordered,
                    KeysReordered = tracker.ReorderedKeys,
                    MaxLatencyMs = tracker.MaxLatencyMs,
                    Examples = [.. reorderExamples, .. missingExamples],
                };
                checks.Add(new CheckResult
                {
                    Name = $"app {app.Name}: every record consumed",
                    Passed = missing == 0,
                    Measured = string.Create(CultureInfo.InvariantCulture, $"{missing:N0} missing, {tracker.ReReads:N0} re-read ({tracker.ReReadsAcrossMove:N0} across the move)"),
                    Expected = "0 missing",
                    Message = missing == 0 ? null : $"records acknowledged by a cluster that {app.Name} never read: {string.Join("; ", missingExamples.Take(3))}",
                });
                checks.Add(new CheckResult
                {
                    Name = $"app {app.Name}: no key reordered",
                    Passed = tracker.ReorderedKeys == 0,
                    Measured = string.Create(CultureInfo.InvariantCulture, $"{tracker.ReorderedKeys:N0} keys, {tracker.Reordered:N0} records read after a newer record of their key"),
                    Expected = "0 keys reordered",
                    Message = tracker.ReorderedKeys == 0 ? null : $"key reordered: {string.Join("; ", reorderExamples.Take(3))}",
                });
            }

            if (timeline?.GroupWatches.FirstOrDefault(w => w.App == app.Name) is { } watch)
            {
                row = row with { OffsetsMovedUnderGroup = watch.Moved, Examples = [.. row.Examples, .. watch.Examples] };
                checks.Add(MovedUnderGroup(app.Name, watch));
            }

            if (timeline?.TranslationWatches.FirstOrDefault(w => w.App == app.Name) is { CaughtUp: > 0 } translation)
            {
                row = row with { TranslatedBehindEnd = translation.Behind, Examples = [.. row.Examples, .. translation.Examples] };
                checks.Add(TranslationReachesEnd(app.Name, translation));
            }

            rows.Add(row);
        }

        if (sourceGrowth is { } growth)
        {
            checks.Add(new CheckResult
            {
                Name = "cut-over: no writes to the source after the producers moved",
                Passed = growth == 0,
                Measured = string.Create(CultureInfo.InvariantCulture, $"source end offsets of the app topics grew by {growth:N0} ({apps.Stragglers:N0} straggler records)"),
                Expected = "no growth",
                Message = growth == 0 ? null : "a straggler producer kept writing to the source after the cut-over: those records never reach the target once the replicator is off",
            });
        }

        if (timeline is not null)
        {
            var steps = timeline.Steps;
            var failed = steps.Where(s => !s.Completed).ToList();
            var ran = steps.Count == scenario.Cutover.Count;
            checks.Add(new CheckResult
            {
                Name = "cut-over: every step ran as planned",
                Passed = ran && failed.Count == 0,
                Measured = $"{steps.Count} of {scenario.Cutover.Count} steps ran, {failed.Count} not as planned",
                Expected = "every step, each trigger met and each drain at lag 0 in time",
                Message = ran && failed.Count == 0 ? null : string.Join("; ", failed.Select(s => $"{CutoverTimeline.Name(s.Step)}: {s.Detail}")),
            });
        }

        return (checks, rows);
    }

    private static CheckResult MovedUnderGroup(string app, TargetGroupWatch watch) => new()
    {
        Name = $"app {app}: no offset moved under its group on the target",
        Passed = watch.Moved == 0,
        Measured = string.Create(CultureInfo.InvariantCulture,
            $"{watch.Moved:N0} committed offsets changed by someone other than the app while it ran on the target; the group was seen empty {watch.EmptyPolls:N0} times"),
        Expected = "0: only the app commits in its group once it runs on the target",
        Message = watch.Moved == 0 ? null
            : $"offsets moved under {app}'s live group (a replicator syncing group offsets while a restart left it empty): {string.Join("; ", watch.Examples.Take(3))}",
    };

    private static CheckResult TranslationReachesEnd(string app, TranslationWatch watch) => new()
    {
        Name = $"app {app}: translated offsets of caught-up partitions reach the end",
        Passed = watch.Behind == 0,
        Measured = string.Create(CultureInfo.InvariantCulture,
            $"{watch.Behind:N0} offsets behind over {watch.CaughtUp - watch.Unsettled:N0} caught-up partitions{(watch.Unsettled > 0 ? $" ({watch.Unsettled:N0} more not settled before the replicator stopped)" : "")}"),
        Expected = "0 behind",
        Message = watch.Behind == 0 ? null
            : $"the replicator translates {app}'s caught-up position to an earlier offset, so moved consumers read the tail again (sparse offset syncs on a low-volume topic, KAFKA-15906): {string.Join("; ", watch.Examples.Take(3))}",
    };

    private static int Index(Scenarios.Scenario scenario, string app) => scenario.Apps.ToList().FindIndex(a => a.Name == app);
}
