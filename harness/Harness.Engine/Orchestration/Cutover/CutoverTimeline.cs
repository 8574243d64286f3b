using System.Globalization;
using Harness.Engine.Apps;
using Harness.Engine.Chaos;
using Harness.Engine.OffsetTranslation;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Orchestration;

/// <summary>
/// Runs the scenario's cut-over steps in order while the load goes on: each waits for its trigger (giving up, and
/// saying so, after its deadline), then moves consumers, moves producers or takes the replicator offline.
/// </summary>
internal sealed class CutoverTimeline(RunContext run, AppHost apps) : ICutoverProgress
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private readonly Lock _lock = new();
    private readonly List<CutoverStepRun> _steps = [];
    private readonly List<TargetGroupWatch> _groupWatches = [];
    private readonly List<TranslationWatch> _translationWatches = [];
    private volatile bool _finished;

    public IReadOnlyList<CutoverStepRun> Steps
    {
        get
        {
            lock (_lock)
            {
                return [.. _steps];
            }
        }
    }

    /// <summary>The app topics' summed source ends once the producers had moved; null while none has.</summary>
    public long? SourceEndsAfterMove { get; private set; }

    /// <summary>The moved groups' watches on the target: offsets moved under them by someone else.</summary>
    public IReadOnlyList<TargetGroupWatch> GroupWatches
    {
        get
        {
            lock (_lock)
            {
                return [.. _groupWatches];
            }
        }
    }

    /// <summary>Whether the translations of the moved groups that had caught up reach the end.</summary>
    public IReadOnlyList<TranslationWatch> TranslationWatches
    {
        get
        {
            lock (_lock)
            {
                return [.. _translationWatches];
            }
        }
    }

    /// <summary>Whether a step stopped the replicator.</summary>
    public bool StoppedReplicator { get; private set; }

    public bool Finished => _finished;

    public double? EndedSeconds(CutoverAction action)
    {
        lock (_lock)
        {
            return _steps.FirstOrDefault(s => s.Step.Action == action)?.End;
        }
    }

    public async Task RunAsync(CancellationToken cancellation)
    {
        try
        {
            await RunStepsAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            _finished = true;
        }
    }

    private async Task RunStepsAsync(CancellationToken cancellation)
    {
        using var lag = new AppTopicLag(apps, run.SourceEndpoint, run.TargetEndpoint);
        foreach (var step in run.Scenario.Cutover)
        {
            var met = await WaitForTriggerAsync(step, lag, cancellation).ConfigureAwait(false);
            var start = run.Clock.Elapsed.TotalSeconds;
            run.Progress.Event($"cut-over: {Name(step)} ({step.Trigger})");
            bool completed;
            string detail;
            try
            {
                (completed, detail) = step.Action switch
                {
                    CutoverAction.MoveConsumers => await MoveConsumersAsync(step, cancellation).ConfigureAwait(false),
                    CutoverAction.MoveProducers => await MoveProducersAsync(step, lag, cancellation).ConfigureAwait(false),
                    _ => await StopReplicatorAsync(step, lag, cancellation).ConfigureAwait(false),
                };
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                (completed, detail) = (false, "failed: " + e.Message);
            }

            if (!met)
            {
                (completed, detail) = (false, $"its trigger did not hold within {step.Deadline.TotalSeconds:0}s; ran anyway. {detail}");
            }

            lock (_lock)
            {
                _steps.Add(new CutoverStepRun(step, start, run.Clock.Elapsed.TotalSeconds, completed, detail));
            }
        }
    }

    public static string Name(CutoverStep step) => step.Action switch
    {
        CutoverAction.MoveConsumers => $"moveConsumers [{string.Join(", ", step.Apps)}] start {step.Start.ToString().ToLowerInvariant()}",
        CutoverAction.MoveProducers => $"moveProducers [{string.Join(", ", step.Apps)}] {step.Strategy.ToString().ToLowerInvariant()}",
        _ => "stopReplicator",
    };

    private async Task<bool> WaitForTriggerAsync(CutoverStep step, AppTopicLag lag, CancellationToken cancellation)
    {
        var trigger = step.Trigger;
        var deadline = (trigger.After ?? TimeSpan.Zero) + step.Deadline;
        while (true)
        {
            var now = apps.Clock.Elapsed;
            var due = trigger.After is not { } after || now >= after;
            if (due && await LagHoldsAsync(trigger, lag).ConfigureAwait(false)
                && (trigger.WhenCheckpointed is not { } app || await CheckpointedAsync(app, cancellation).ConfigureAwait(false)))
            {
                return true;
            }

            if (due && now >= deadline)
            {
                return false;
            }

            await Task.Delay(Poll, run.Time, cancellation).ConfigureAwait(false);
        }
    }

    private static async Task<bool> LagHoldsAsync(CutoverTrigger trigger, AppTopicLag lag)
    {
        if (trigger.WhenLag is null && trigger.WhenLagAtLeast is null)
        {
            return true;
        }

        var behind = await lag.ReadAsync().ConfigureAwait(false);
        return behind <= (trigger.WhenLag ?? long.MaxValue) && behind >= (trigger.WhenLagAtLeast ?? 0);
    }

    /// <summary>Whether the replicator has checkpointed every partition the app's group has committed on the source.</summary>
    private async Task<bool> CheckpointedAsync(string app, CancellationToken cancellation)
    {
        var group = apps.Groups[app].Settings;
        var committed = await SyncedGroupOffsetReader.ReadAsync(run.SourceEndpoint, group.Spec.Group, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        if (committed.Count == 0)
        {
            return false;
        }

        var checkpoints = await Task.Run(() => CheckpointReader.ReadLatest(run.TargetEndpoint, run.CheckpointsTopic, run.Time, out _), cancellation).ConfigureAwait(false);
        return committed.Where(c => c.Value > 0).All(c => checkpoints.ContainsKey((group.Spec.Group, apps.RemoteOf(c.Key.Topic), c.Key.Partition)));
    }

    private async Task<(bool, string)> MoveConsumersAsync(CutoverStep step, CancellationToken cancellation)
    {
        var details = new List<string>();
        foreach (var app in step.Apps)
        {
            details.Add(await apps.MoveConsumersAsync(app, step.Start, run.CheckpointsTopic, cancellation).ConfigureAwait(false));
            var watch = run.Own(new TargetGroupWatch(app, apps.Groups[app], run.TargetEndpoint, run.Time));
            watch.Start();
            lock (_lock)
            {
                _groupWatches.Add(watch);
            }

            if (step.Start is ConsumerStart.Translated or ConsumerStart.Synced && run.Replicator.IsRunning)
            {
                var translation = new TranslationWatch(run, apps, app);
                translation.Start(cancellation);
                lock (_lock)
                {
                    _translationWatches.Add(translation);
                }
            }
        }

        return (true, string.Join("; ", details));
    }

    private async Task<(bool, string)> MoveProducersAsync(CutoverStep step, AppTopicLag lag, CancellationToken cancellation)
    {
        var producers = apps.Producers.Where(p => step.Apps.Contains(p.App)).ToList();
        var completed = true;
        string detail;
        var pausedAt = run.Clock.Elapsed;
        if (step.Strategy == ProducerMoveStrategy.Hot)
        {
            // The old clients' records in flight are flushed first (as closing a client does), so the lag read before
            // the first record goes to the target is exactly the tail the replicator still owes.
            foreach (var producer in producers)
            {
                producer.Pause();
            }

            var behind = await lag.ReadAsync().ConfigureAwait(false);
            foreach (var producer in producers)
            {
                producer.MoveTo(run.TargetEndpoint, apps.RemoteOf(producer.Topic), TimeSpan.Zero);
            }

            detail = string.Create(CultureInfo.InvariantCulture, $"switched at once with replication {Lag(behind)} behind");
        }
        else
        {
            foreach (var producer in producers)
            {
                producer.Pause();
            }

            var drained = await WaitForLagAsync(lag, 0, step.Deadline, cancellation).ConfigureAwait(false);
            completed = drained.Reached;
            var flow = await StopFlowAsync(lag).ConfigureAwait(false);
            var paused = run.Clock.Elapsed - pausedAt;
            foreach (var producer in producers)
            {
                producer.MoveTo(run.TargetEndpoint, apps.RemoteOf(producer.Topic), paused);
            }

            detail = string.Create(CultureInfo.InvariantCulture,
                $"paused {paused.TotalSeconds:0.0}s; {(drained.Reached ? "lag 0" : $"lag {Lag(drained.Lag)} at the {step.Deadline.TotalSeconds:0}s deadline")}; {flow}; resumed on the target");
        }

        SourceEndsAfterMove = await lag.SourceEndsAsync().ConfigureAwait(false);
        foreach (var app in step.Apps)
        {
            apps.MarkMoved(app);
        }

        return (completed, detail);
    }

    private async Task<(bool, string)> StopReplicatorAsync(CutoverStep step, AppTopicLag lag, CancellationToken cancellation)
    {
        if (StoppedReplicator)
        {
            return (true, "replicator already offline: the drain stopped it");
        }

        if (SeededGroups)
        {
            return (true, SeededGroupsWait);
        }

        var deadline = apps.Clock.Elapsed + step.Deadline;
        while (!LoadDone() && apps.Clock.Elapsed < deadline)
        {
            await Task.Delay(Poll, run.Time, cancellation).ConfigureAwait(false);
        }

        var drained = await WaitForLagAsync(lag, 0, deadline - apps.Clock.Elapsed, cancellation).ConfigureAwait(false);
        var loadDone = LoadDone() && await WaitForLoadCopiedAsync(lag, deadline - apps.Clock.Elapsed).ConfigureAwait(false);
        await StopAsync().ConfigureAwait(false);
        return (drained.Reached && loadDone, drained.Reached && loadDone
            ? "replicator stopped after the load ended and the app topics reached lag 0"
            : $"replicator stopped at the deadline: {(loadDone ? "" : "the load was still running, ")}app-topic lag {Lag(drained.Lag)}");
    }

    /// <summary>
    /// Stops the replicator's flow for a drained move. The replicator is one process for every topic: while the
    /// harness's load still runs on other topics it stays up (stopping it would lose their tail), and a later
    /// stopReplicator step takes it offline.
    /// </summary>
    private async Task<string> StopFlowAsync(AppTopicLag lag)
    {
        if (StoppedReplicator)
        {
            return "replicator already stopped";
        }

        if (!LoadDone())
        {
            return "replicator left running: the load still runs on other topics";
        }

        if (SeededGroups)
        {
            return "replicator left running: the scenario's consumer groups still need their checkpoints";
        }

        var copied = await WaitForLoadCopiedAsync(lag, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await StopAsync().ConfigureAwait(false);
        return copied ? "replicator stopped" : "replicator stopped before the load topics were copied";
    }

    private const string SeededGroupsWait =
        "replicator left running until the scenario's consumer groups are seeded and checkpointed after the load (their offset checks need it), then stopped as every run stops it";

    /// <summary>
    /// Whether the scenario has <c>consumers</c> groups: they are put at their progress after the load and need the
    /// replicator's checkpoints then, so the cut-over leaves its stop to the end of the run.
    /// </summary>
    private bool SeededGroups => run.Scenario.Consumers.Count > 0;

    private async Task StopAsync()
    {
        if (StoppedReplicator)
        {
            return;
        }

        // The watch stands down first: this exit is the runbook's, not an incident.
        await run.Watching.CancelAsync().ConfigureAwait(false);
        run.WatchEndedSeconds ??= run.Clock.Elapsed.TotalSeconds;
        await run.Replicator.StopAsync(run.Scenario.Replicator.Grace).ConfigureAwait(false);
        run.ReplicatorStopped = run.Time.GetUtcNow();
        StoppedReplicator = true;
    }

    private async Task<bool> WaitForLoadCopiedAsync(AppTopicLag lag, TimeSpan within)
    {
        var deadline = apps.Clock.Elapsed + within;
        while (await lag.LoadLagAsync(run.LoadTopics).ConfigureAwait(false) > 0)
        {
            if (apps.Clock.Elapsed >= deadline)
            {
                return false;
            }

            await Task.Delay(Poll, run.Time).ConfigureAwait(false);
        }

        return true;
    }

    private bool LoadDone() => run.Load is { } load && load.Counters.Acknowledged + load.Counters.Failed >= load.PlannedRecords;

    private async Task<(bool Reached, long Lag)> WaitForLagAsync(AppTopicLag lag, long most, TimeSpan within, CancellationToken cancellation)
    {
        var deadline = apps.Clock.Elapsed + within;
        while (true)
        {
            var behind = await lag.ReadAsync().ConfigureAwait(false);
            if (behind <= most)
            {
                return (true, behind);
            }

            if (apps.Clock.Elapsed >= deadline || StoppedReplicator)
            {
                return (false, behind);
            }

            await Task.Delay(Poll, run.Time, cancellation).ConfigureAwait(false);
        }
    }

    private static string Lag(long lag) => lag == long.MaxValue ? "unknown" : lag.ToString("N0", CultureInfo.InvariantCulture);
}
