namespace Harness.Engine.Orchestration;

/// <summary>Starts (or connects to) the source and the target through their backends.</summary>
internal sealed class StartClustersPhase : IRunPhase
{
    public string Name => "start clusters";

    public bool AppliesTo(RunContext run) => true;

    public async Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        var clusters = run.Scenario.Clusters;
        run.Source = await run.Registry.Cluster(clusters.Source.Kind).StartAsync("source", clusters.Source.Settings, cancellation).ConfigureAwait(false);
        run.Target = await run.Registry.Cluster(clusters.Target.Kind).StartAsync("target", clusters.Target.Settings, cancellation).ConfigureAwait(false);
    }
}
