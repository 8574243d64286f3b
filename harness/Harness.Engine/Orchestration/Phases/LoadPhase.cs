using Harness.Engine.Chaos;
using Harness.Engine.Load;
using Harness.Engine.Resources;
using Harness.Engine.Verification;

namespace Harness.Engine.Orchestration;

/// <summary>
/// Produces the load while the verifier reads the target, the sampler measures and the chaos engine runs the
/// scheduled faults and watches the replicator; then waits for faults still running.
/// </summary>
internal sealed class LoadPhase : IRunPhase
{
    public string Name => "load";

    public bool AppliesTo(RunContext run) => true;

    public async Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        var load = run.Load = new LoadGenerator(run.LoadScenario, run.SourceEndpoint, run.RunId, run.Time);
        var verifier = run.StartVerifier(new StreamingVerifier([.. run.LoadTopics.Select(t => new VerifiedTopic(t.Source, t.Target, t.Partitions,
            run.Scenario.Topics.Any(s => s.Name == t.Source && s.Compacted)))], load.Ledger, run.RunId,
            run.TargetEndpoint, run.Latency, run.Clock));
        var context = new FaultContext(run.Source, run.Target, run.Replicator, run.Topics, new Random(run.Scenario.Seed ?? 1), run.Clock, run.Progress) { Apps = run.Apps, Cutover = run.Timeline };
        var chaos = run.Chaos = new ChaosEngine(run.Faults, context, load.Counters, run.Scenario.Expect.Replicator.MetricsGap);
        run.Sampler = new RunSampler(run.Source, run.Target, run.Topics, load.Counters, load.PlannedRecords, run.Progress, run.Options.SampleInterval, run.Clock,
            run.Latency, run.Replicator.Metrics, chaos, () => verifier.NewestReplicatedTimestampMs, run.Scenario.Topics,
            ReplicationEnds.For(run.Scenario, load.Ledger, verifier), run.SourceEndpoint, run.TargetEndpoint,
            new RunMemoryProbe(run.Source, run.Target, run.Replicator));
        run.Sampler.Phase = Name;
        run.Sampler.Start();
        var watch = chaos.WatchAsync(run.Watching.Token);

        // A scraped source samples as often as the run does, but never less than once a second: the watch calls five
        // seconds without a sample a gap, and a slower scrape would make every run look like one.
        var every = run.Options.SampleInterval < TimeSpan.FromSeconds(1) ? run.Options.SampleInterval : TimeSpan.FromSeconds(1);
        var metrics = run.Replicator.Metrics?.RunAsync(run.Time, every, run.Watching.Token) ?? Task.CompletedTask;
        run.Own(new AsyncCleanup(async () =>
        {
            await run.Watching.CancelAsync().ConfigureAwait(false);
            await watch.ConfigureAwait(false);
            await metrics.ConfigureAwait(false);
        }));

        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var loading = load.RunAsync(stopLoad.Token);
        var faults = chaos.RunAsync(loading, stopLoad.Token);
        if (await Task.WhenAny(loading, chaos.Fatal).ConfigureAwait(false) == chaos.Fatal)
        {
            // Nothing the run does next can mean anything: stop the load and end with the replicator's reason.
            await stopLoad.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(loading, faults).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            throw await chaos.Fatal.ConfigureAwait(false);
        }

        await loading.ConfigureAwait(false);
        if (run.Faults.Count > 0)
        {
            run.Enter("faults");
            await faults.ConfigureAwait(false);
        }

        if (chaos.Fatal.IsCompletedSuccessfully)
        {
            throw await chaos.Fatal.ConfigureAwait(false);
        }

        cancellation.ThrowIfCancellationRequested();
    }
}
