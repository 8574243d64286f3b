using Harness.Engine.OffsetTranslation;

namespace Harness.Engine.Orchestration;

/// <summary>Waits until the replicator has checkpointed every seeded group partition and the checkpoints settle.</summary>
internal sealed class CheckpointsPhase : IRunPhase
{
    public string Name => "checkpoints";

    public bool AppliesTo(RunContext run) => run.Committed.Count > 0;

    public async Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        var bootstrap = run.TargetEndpoint;
        var topic = run.CheckpointsTopic;
        var wait = new CheckpointWait(run.Time, () => Task.Run(() => CheckpointReader.ReadLatest(bootstrap, topic, run.Time, out _), cancellation), run.Scenario.Replicator);
        var missing = await wait.WaitAsync(run.Committed, run.Scenario.Expect.DrainWithin, cancellation).ConfigureAwait(false);
        run.CheckpointCoveredAfter = wait.CoveredAfter;
        if (missing > 0)
        {
            run.Progress.Event($"{missing} group partitions still have no checkpoint at their committed offset after {run.Scenario.Expect.DrainWithin.TotalSeconds:0}s");
        }
    }
}
