using Harness.Engine.OffsetTranslation;

namespace Harness.Engine.Orchestration;

/// <summary>Judges the replicator's checkpoints against where each group's records really landed on the target.</summary>
internal sealed class OffsetTranslationPhase : IRunPhase
{
    public string Name => "offset translation";

    public bool AppliesTo(RunContext run) => run.Committed.Count > 0;

    public Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        var checkpoints = CheckpointReader.ReadLatest(run.TargetEndpoint, run.CheckpointsTopic, run.Time, out _);
        var (rows, checks) = OffsetTranslationEvaluator.Evaluate(run.Scenario, run.Committed, run.SourceEnds, run.TargetEnds, checkpoints, run.Verification!.Maps);
        run.Translation.AddRange(rows);
        run.Checkpoints = checkpoints;
        run.Settle(checks);
        return Task.CompletedTask;
    }
}
