using System.Globalization;
using Harness.Engine.Apps;
using Harness.Engine.OffsetTranslation;

namespace Harness.Engine.Orchestration;

/// <summary>
/// After the load: lets the cut-over timeline finish, the apps' producers send their schedule and their consumers read
/// to the end of whichever cluster they are on; then stops the apps and settles the per-app checks.
/// </summary>
internal sealed class CutoverPhase : IRunPhase
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public string Name => "cut-over";

    public bool AppliesTo(RunContext run) => run.Apps is not null;

    public async Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        var apps = run.Apps!;
        var within = run.Scenario.Expect.DrainWithin;
        if (run.TimelineRun is { } timeline)
        {
            await timeline.ConfigureAwait(false);
        }

        foreach (var producer in apps.Producers)
        {
            await producer.FinishAsync(within).ConfigureAwait(false);
        }

        await apps.StragglersDoneAsync(within).ConfigureAwait(false);
        using var lag = new AppTopicLag(apps, run.SourceEndpoint, run.TargetEndpoint);
        var deadline = apps.Clock.Elapsed + within;
        while (apps.Clock.Elapsed < deadline && !await CaughtUpAsync(run, apps, lag).ConfigureAwait(false))
        {
            await Task.Delay(Poll, run.Time, cancellation).ConfigureAwait(false);
        }

        foreach (var watch in run.Timeline?.GroupWatches ?? [])
        {
            await watch.StopAsync().ConfigureAwait(false);
        }

        foreach (var watch in run.Timeline?.TranslationWatches ?? [])
        {
            await watch.Done.ConfigureAwait(false);
        }

        await apps.StopAsync().ConfigureAwait(false);
        long? growth = null;
        if (run.Timeline?.SourceEndsAfterMove is { } before)
        {
            growth = await lag.SourceEndsAsync().ConfigureAwait(false) - before;
        }

        var (checks, rows) = AppChecks.Evaluate(run.Scenario, apps, run.Timeline, growth);
        run.AppReports.AddRange(rows);
        run.Settle(checks);
        foreach (var row in rows)
        {
            run.Progress.Event(string.Create(CultureInfo.InvariantCulture,
                $"app {row.Name}: produced {row.Produced:N0}, consumed {row.Consumed:N0}, missing {row.Missing:N0}, re-read {row.ReRead:N0}, keys reordered {row.KeysReordered:N0}"));
        }
    }

    /// <summary>
    /// Whether every app group has committed up to the end of its topics on its cluster, and, while the replicator
    /// still runs, the app topics have no replication lag (a moved group must see the tail too).
    /// </summary>
    private static async Task<bool> CaughtUpAsync(RunContext run, AppHost apps, AppTopicLag lag)
    {
        if (run.Replicator.IsRunning && await lag.ReadAsync().ConfigureAwait(false) > 0)
        {
            return false;
        }

        foreach (var group in apps.Groups.Values)
        {
            using var marks = new WatermarkReader(group.Bootstrap);
            var ends = await marks.ReadAsync(group.Topics.Select(t => (t.Key, apps.Partitions[t.Value])), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            var committed = await SyncedGroupOffsetReader.ReadAsync(group.Bootstrap, group.Settings.Spec.Group, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            if (ends.Any(e => e.Value > 0 && committed.GetValueOrDefault(e.Key) < e.Value))
            {
                return false;
            }
        }

        return true;
    }
}
