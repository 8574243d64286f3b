namespace Harness.Engine.Orchestration;

/// <summary>Puts the scenario's consumer groups at their partial progress on the source, as live applications would leave them.</summary>
internal sealed class ConsumerGroupsPhase : IRunPhase
{
    public string Name => "consumer groups";

    public bool AppliesTo(RunContext run) => run.Scenario.Consumers.Count > 0;

    public async Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        var (sourceMarks, _) = await run.Sampler.ReadWatermarksAsync().ConfigureAwait(false);
        run.Committed = await ConsumerGroupSeeder.SeedAsync(run.SourceEndpoint, run.Scenario.Consumers,
            run.Scenario.Topics.ToDictionary(t => t.Name, t => t.Partitions), sourceMarks, cancellation).ConfigureAwait(false);
    }
}
