using Harness.Engine.Clients;
using Harness.Engine.Clusters;
using Harness.Engine.Scenarios;
using Harness.Engine.Security;

namespace Harness.Engine.Orchestration;

/// <summary>
/// Starts (or connects to) the source and the target through their backends, and resolves how the run's clients
/// reach them. Secrets are read before anything starts, so a missing one costs no cluster start-up.
/// </summary>
internal sealed class StartClustersPhase : IRunPhase
{
    public string Name => "start clusters";

    public bool AppliesTo(RunContext run) => true;

    public async Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        var clusters = run.Scenario.Clusters;
        ClientSecurity.Resolve(clusters.Source.Security, "source");
        ClientSecurity.Resolve(clusters.Target.Security, "target");
        run.Source = await run.Registry.Cluster(clusters.Source.Kind).StartAsync("source", clusters.Source.Settings, clusters.Source.Security, run.RunDirectory, cancellation).ConfigureAwait(false);
        run.SourceEndpoint = Endpoint(run.Source, clusters.Source, run.Scenario.AppliedPrefix);
        run.Target = await run.Registry.Cluster(clusters.Target.Kind).StartAsync("target", clusters.Target.Settings, clusters.Target.Security, run.RunDirectory, cancellation).ConfigureAwait(false);
        run.TargetEndpoint = Endpoint(run.Target, clusters.Target, run.Scenario.AppliedPrefix);
    }

    private static KafkaEndpoint Endpoint(IKafkaCluster cluster, ClusterSpec spec, string? prefix) =>
        new(cluster.BootstrapServers, ClientSecurity.Resolve(spec.Security, cluster.Role, cluster.CaFile)) { GroupPrefix = prefix };
}
