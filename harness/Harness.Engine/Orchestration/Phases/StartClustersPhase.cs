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
        // Clusters that write their log to disk write it in the run folder by default (issue 19), not in /tmp, so a soak's
        // tens of gigabytes land where the operator looks and go with the run's cleanup. Owned before the clusters, so it
        // runs after they have removed their own folders, and only takes away an empty data folder.
        var data = run.Options.DataDirectory ?? Path.Combine(run.RunDirectory, "data");
        run.Own(new AsyncCleanup(() =>
        {
            if (run.Options.DataDirectory is null && Directory.Exists(data) && !Directory.EnumerateFileSystemEntries(data).Any())
            {
                Directory.Delete(data);
            }

            return ValueTask.CompletedTask;
        }));
        run.Source = await run.Registry.Cluster(clusters.Source.Kind).StartAsync("source", clusters.Source.Settings.ForRun(data, run.Options.KeepData), clusters.Source.Security, run.RunDirectory, cancellation).ConfigureAwait(false);
        run.SourceEndpoint = Endpoint(run.Source, clusters.Source, run.Scenario.AppliedPrefix);
        run.Target = await run.Registry.Cluster(clusters.Target.Kind).StartAsync("target", clusters.Target.Settings.ForRun(data, run.Options.KeepData), clusters.Target.Security, run.RunDirectory, cancellation).ConfigureAwait(false);
        run.TargetEndpoint = Endpoint(run.Target, clusters.Target, run.Scenario.AppliedPrefix);
    }

    private static KafkaEndpoint Endpoint(IKafkaCluster cluster, ClusterSpec spec, string? prefix) =>
        new(cluster.BootstrapServers, ClientSecurity.Resolve(spec.Security, cluster.Role, cluster.CaFile)) { GroupPrefix = prefix };
}
