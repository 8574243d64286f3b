using Harness.Engine.Switchover;

namespace Harness.Engine.Orchestration;

/// <summary>With the replicator stopped and the target at its final end offsets, each group's consumers switch over to the target.</summary>
internal sealed class SwitchoverPhase : IRunPhase
{
    public string Name => "switchover";

    public bool AppliesTo(RunContext run) => run.Committed.Count > 0;

    public async Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        run.Switchover.AddRange(await SwitchoverRehearsal.RunAsync(run.Scenario, run.TargetEndpoint, run.RunId, run.Load!.Ledger, run.Committed,
            run.Checkpoints, run.TargetEnds, TimeSpan.FromMinutes(5), run.Progress.Event, run.Time, cancellation,
            run.Scenario.Topics.Where(t => run.Verification!.Maps.LatestOfKeys.ContainsKey(run.Scenario.Replicator.RemoteTopic(t.Name)))
                .ToDictionary(t => t.Name, t => run.Verification!.Maps.LatestOfKeys[run.Scenario.Replicator.RemoteTopic(t.Name)], StringComparer.Ordinal)).ConfigureAwait(false));
        run.Settle(SwitchoverEvaluator.Checks(run.Scenario.Expect.OffsetTranslation, run.Switchover));
        cancellation.ThrowIfCancellationRequested();
    }
}
