using System.Globalization;
using Harness.Engine.Clients;
using Harness.Engine.Safety.Preflight;
using Harness.Engine.Scenarios;
using Harness.Engine.Security;

namespace Harness.Engine.Safety.Planning;

/// <summary>
/// <c>harness run --plan</c>: every topic, consumer group, config and ACL a run of the scenario would create or change,
/// per cluster, read without changing anything. A cluster the harness starts is not contacted (it does not exist
/// yet); one it did not start is asked only describe requests (metadata, group list, and the pre-flight checks' DescribeCluster, DescribeConfigs and DescribeAcls) to flag existing topics and report what the run would meet.
/// </summary>
public static class RunPlan
{
    /// <summary>The plan's lines.</summary>
    /// <exception cref="Runs.HarnessException">A secret cannot be resolved, or a cluster the harness did not start cannot be reached.</exception>
    public static async Task<IReadOnlyList<string>> BuildAsync(Scenario scenario, HarnessRegistry registry, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(registry);

        // The names the run would use; a run id exists only once the run does, so the plan shows the placeholder.
        scenario = ScenarioPrefix.Apply(scenario, ScenarioPrefix.RunIdPlaceholder);
        var replicator = scenario.Replicator;
        var lines = new List<string> { $"plan for scenario {scenario.Name}: nothing below is created or changed by --plan" };
        if (scenario.AppliedPrefix is { } prefix)
        {
            lines.Add($"topicPrefix: the run's topics and groups below carry {prefix} ({ScenarioPrefix.RunIdPlaceholder} is each run's own id, {ScenarioPrefix.RunIdLength} hex digits); MirrorMaker 2's internal topics keep their alias names");
        }

        var reached = new Dictionary<string, KafkaEndpoint>(StringComparer.Ordinal);
        foreach (var (role, spec) in new[] { ("source", scenario.Clusters.Source), ("target", scenario.Clusters.Target) })
        {
            var security = ClientSecurity.Resolve(spec.Security, role);
            ClusterInventory? inventory = null;
            string where;
            if (spec.Capabilities.StartedByHarness)
            {
                where = $"{spec.Kind}, {spec.Capabilities.Description}, started for the run and removed after it";
            }
            else
            {
                await using var cluster = await registry.Cluster(spec.Kind).StartAsync(role, spec.Settings, spec.Security, null, cancellation).ConfigureAwait(false);
                reached[role] = new KafkaEndpoint(cluster.BootstrapServers, security);
                inventory = await ClusterInventory.ReadAsync(reached[role], role).ConfigureAwait(false);
                where = $"{spec.Kind} at {cluster.BootstrapServers}, {inventory.Topics.Count} topics and {inventory.Groups.Count} groups today";
            }

            lines.Add($"{role} ({where}; {security}):");
            var items = role == "source" ? SourceItems(scenario) : TargetItems(scenario);
            foreach (var (topic, what) in items.Topics)
            {
                var exists = inventory?.Topics.Contains(topic) == true;
                lines.Add(exists
                    ? $"  EXISTS topic {topic}: {(spec.AllowExistingTopics ? "the run writes into it (allowExistingTopics: true)" : $"the run would be refused; rename it or set clusters.{role}.allowExistingTopics: true")}"
                    : $"  {what}");
            }

            lines.AddRange(items.Others.Select(o => "  " + o));
            if (!spec.Capabilities.StartedByHarness)
            {
                lines.Add(spec.Cleanup switch
                {
                    CleanupPolicy.Always => "  cleanup: always: afterwards the run deletes what it created here (listed in results.json)",
                    CleanupPolicy.OnSuccess => "  cleanup: on-success: after a passed run it deletes what it created here (listed in results.json)",
                    _ => "  cleanup: never: what the run creates here stays (listed in results.json)",
                });
            }
        }

        if (reached.Count > 0)
        {
            // Pre-flight needs a cluster that exists: one the harness starts is checked when the run starts it.
            var pairs = scenario.Topics.Select(t => (t.Name, replicator.RemoteTopic(t.Name))).ToList();
            var preflight = await PreflightCheck.RunAsync(scenario, pairs, reached.GetValueOrDefault("source"), reached.GetValueOrDefault("target")).ConfigureAwait(false);
            lines.AddRange(PreflightLines.Format(preflight));
        }

        if (reached.Count < 2)
        {
            lines.Add("pre-flight checks of a cluster the harness starts run when the run has started it (report.html, results.json preflight)");
        }

        lines.Add("ACLs: the harness creates, changes and deletes none" + (replicator.Disabled("sync.topic.acls.enabled")
            ? "; the replicator's ACL sync is off"
            : $"; the replicator copies topic ACLs (READ, ALL as READ; never WRITE or group ACLs) to the target unless sync.topic.acls.enabled=false"));
        return lines;
    }

    private static (List<(string Topic, string What)> Topics, List<string> Others) SourceItems(Scenario scenario)
    {
        var topics = scenario.Topics.Select(t => (t.Name, string.Create(CultureInfo.InvariantCulture,
            $"create topic {t.Name}: {t.Partitions} partitions, replication factor up to 3{Configs(t.Configs)}; write {(t.Records is { } n ? $"{n:N0} records" : $"for {t.Duration}")} stamped with the run id"))).ToList();
        var others = scenario.Consumers.Select(c => $"commit offsets of consumer group {c.Group} on {string.Join(", ", c.Topics)} ({c.Progress * 100:0.#}% of each partition)").ToList();
        others.Add($"the replicator reads every topic and writes its offset syncs to mm2-offset-syncs.{scenario.Replicator.TargetAlias}.internal (MM2's default location)");
        return (topics, others);
    }

    private static (List<(string Topic, string What)> Topics, List<string> Others) TargetItems(Scenario scenario)
    {
        var replicator = scenario.Replicator;
        var creator = replicator.Capabilities.CreatesTargetTopics ? "the replicator creates" : "create";
        var topics = scenario.Topics.Select(t => (replicator.RemoteTopic(t.Name),
            $"{creator} topic {replicator.RemoteTopic(t.Name)}: {t.Partitions} partitions, the copy of {t.Name}" + (replicator.Disabled("sync.topic.configs.enabled") ? "" : ", its configs synced from the source"))).ToList();
        var others = new List<string>
        {
            $"the replicator creates its internal topics: heartbeats, {replicator.SourceAlias}.checkpoints.internal, mm2-offsets.{replicator.SourceAlias}.internal",
            $"the harness reads with consumer groups named {scenario.AppliedPrefix}harness-* (verifier, checkpoint and switchover readers)",
        };
        if (replicator.Properties.TryGetValue("sync.group.offsets.enabled", out var sync) && sync.Trim().Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            others.Add($"the replicator commits offsets of groups {string.Join(", ", scenario.Consumers.Select(c => c.Group))} (sync.group.offsets.enabled)");
        }

        return (topics, others);
    }

    private static string Configs(IReadOnlyDictionary<string, string> configs) =>
        configs.Count == 0 ? "" : ", configs " + string.Join(", ", configs.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
}
