using Harness.Engine.Chaos;
using Harness.Engine.Replicators;

namespace Harness.Engine.Orchestration;

/// <summary>Creates the replicator through its driver and starts it.</summary>
internal sealed class StartReplicatorPhase : IRunPhase
{
    public string Name => "start replicator";

    public bool AppliesTo(RunContext run) => true;

    public async Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        var launch = new ReplicatorLaunch(run.Scenario, run.SourceEndpoint, run.TargetEndpoint, run.RunDirectory, run.Options,
            FaultPlan.HeapLimitMiB(run.Faults));
        run.Replicator = run.Registry.Replicator(run.Scenario.Replicator.Kind).Create(launch);
        run.Replicator.Start();
        run.Progress.Event($"{run.Replicator.Kind} replicator started; its log is {run.Replicator.LogPath}");

        // Connectors that cannot run (a config Connect refuses, a FAILED task) end the run here, before any load.
        await run.Replicator.WhenReadyAsync(cancellation).ConfigureAwait(false);
    }
}
