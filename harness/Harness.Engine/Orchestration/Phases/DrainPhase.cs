namespace Harness.Engine.Orchestration;

/// <summary>Waits until the target has caught up with the source, or the scenario's deadline, or a stall.</summary>
internal sealed class DrainPhase : IRunPhase
{
    public string Name => "drain";

    public bool AppliesTo(RunContext run) => true;

    public async Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        var remote = run.Topics.ToDictionary(t => t.Source, t => t.Target, StringComparer.Ordinal);
        var watch = new DrainWatch(run.Time, ReplicationEnds.Over(run.Sampler.ReadWatermarksAsync, ReplicationEnds.For(run.Scenario, run.Load?.Ledger, run.Verifier)), () => run.Replicator.IsRunning ? null : run.Replicator.ExitCode ?? -1, remote);
        run.Drain = await watch.WaitAsync(run.Scenario.Expect.DrainWithin, cancellation).ConfigureAwait(false);
    }
}
