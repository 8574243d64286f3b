namespace Harness.Engine.Orchestration;

/// <summary>Stops the replicator on purpose (the watch stands down first: this exit is no incident).</summary>
internal sealed class StopReplicatorPhase : IRunPhase
{
    public string Name => "stop replicator";

    public bool AppliesTo(RunContext run) => true;

    public async Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        await run.Watching.CancelAsync().ConfigureAwait(false);
        run.WatchEndedSeconds = run.Clock.Elapsed.TotalSeconds;
        await run.Replicator.StopAsync(run.Scenario.Replicator.Grace).ConfigureAwait(false);
        run.ReplicatorStopped = run.Time.GetUtcNow();
    }
}
