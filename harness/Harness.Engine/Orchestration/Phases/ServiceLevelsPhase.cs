using Harness.Engine.Resources;

namespace Harness.Engine.Orchestration;

/// <summary>
/// Settles the service-level checks once the target is verified: replication and checkpoint latency against their
/// bounds, the replicator's health (on every run) and each fault's recovery.
/// </summary>
internal sealed class ServiceLevelsPhase : IRunPhase
{
    public string Name => "service levels";

    public bool AppliesTo(RunContext run) => run.Chaos is not null;

    public Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        var expect = run.Scenario.Expect;
        var records = run.Chaos!.Records;
        var samples = run.StartedSampler?.Samples ?? [];
        var volumes = run.Scenario.Topics.ToDictionary(t => t.Name, t => t.Volume, StringComparer.Ordinal);
        var (latencyChecks, latencyBounds) = LatencyChecks.Evaluate(expect, run.Latency, [.. run.Topics.Select(t => (t.Source, volumes.GetValueOrDefault(t.Source)))], samples, records);
        run.Settle(latencyChecks);
        run.ServiceLevels.AddRange(latencyBounds);

        if (!expect.CheckpointLatency.IsEmpty)
        {
            var (checkpointChecks, checkpointBounds) = LatencyChecks.EvaluateCheckpoints(expect.CheckpointLatency, run.Committed.Count, run.CheckpointCoveredAfter);
            run.Settle(checkpointChecks);
            run.ServiceLevels.AddRange(checkpointBounds);
        }

        var (healthChecks, health) = HealthChecks.Evaluate(expect.Replicator, records, run.Chaos.Gaps, run.StartedReplicator?.Metrics is not null,
            run.WatchEndedSeconds ?? run.Clock.Elapsed.TotalSeconds);
        run.Health = health;
        run.Settle(healthChecks);

        run.Settle(RecoveryChecks.Evaluate(expect.Recovery, run.Faults.ToDictionary(f => f.Fault.Id, f => f.RecoverWithin, StringComparer.Ordinal), records,
            samples, run.Verifier?.DuplicateTimes ?? []));
        run.Settle(MemoryChecks.Evaluate(expect.Memory, samples));
        return Task.CompletedTask;
    }
}
