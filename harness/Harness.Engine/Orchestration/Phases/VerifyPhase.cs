using Harness.Engine.Verification;

namespace Harness.Engine.Orchestration;

/// <summary>Finishes reading the target and settles the count, order, content and topology checks.</summary>
internal sealed class VerifyPhase : IRunPhase
{
    public string Name => "verify";

    public bool AppliesTo(RunContext run) => true;

    public async Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        (run.SourceEnds, run.TargetEnds) = await run.Sampler.ReadWatermarksAsync().ConfigureAwait(false);
        var remoteNames = run.LoadTopics.Select(t => t.Target).ToHashSet(StringComparer.Ordinal);
        var verification = run.Verification = await run.Verifier!.FinishAsync(run.TargetEnds.Where(e => remoteNames.Contains(e.Key.Topic)).ToDictionary(),
            TimeSpan.FromMinutes(5), cancellation).ConfigureAwait(false);
        run.Settle(CheckEvaluator.Evaluate(run.Scenario.Expect, verification, run.Drain!, run.Load!.Counters.Failed));

        var replicator = run.Scenario.Replicator;
        run.Settle(await TopologyVerifier.CheckAsync(run.SourceEndpoint, run.TargetEndpoint, run.Topics,
            expectConfigSync: replicator.Capabilities.MirrorsTopicConfigs && !replicator.Disabled("sync.topic.configs.enabled"),
            heartbeatSourceAlias: replicator.Capabilities.EmitsHeartbeats && !replicator.Disabled("emit.heartbeats.enabled") ? replicator.SourceAlias : null,
            run.ReplicatorStopped, run.Time).ConfigureAwait(false));
    }
}
