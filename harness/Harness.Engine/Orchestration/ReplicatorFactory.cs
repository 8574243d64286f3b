using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Harness.Engine.Replicators;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Orchestration;

/// <summary>Builds the replicator process of a scenario: the built-in one from MM2 properties, or a shell command.</summary>
internal static class ReplicatorFactory
{
    public static ProcessReplicator Create(Scenario scenario, string sourceBootstrap, string targetBootstrap, string runDirectory, RunOptions options, int? heapLimitMiB)
    {
        var spec = scenario.Replicator;
        var topics = string.Join(',', scenario.Topics.Select(t => t.Name));
        var environment = new Dictionary<string, string>
        {
            ["HARNESS_SOURCE_BOOTSTRAP"] = sourceBootstrap,
            ["HARNESS_TARGET_BOOTSTRAP"] = targetBootstrap,
            ["HARNESS_TOPICS"] = topics,
            ["HARNESS_SOURCE_ALIAS"] = spec.SourceAlias,
            ["HARNESS_TARGET_ALIAS"] = spec.TargetAlias,
            ["HARNESS_POLICY"] = spec.Policy == ReplicationPolicyKind.Identity ? "identity" : "default",
            ["HARNESS_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            ["HARNESS_RUN_DIR"] = Path.GetFullPath(runDirectory),
        };
        var log = Path.Combine(runDirectory, "replicator.log");
        if (spec.Kind == ReplicatorKind.Command)
        {
            return new ProcessReplicator("command", "/bin/sh", ["-c", spec.Run!], environment, log, Path.GetFullPath(runDirectory));
        }

        var assembly = options.ReplicatorAssembly ?? Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll");
        if (!File.Exists(assembly))
        {
            throw new HarnessException($"the built-in replicator is missing at {assembly}; rebuild with ./run.sh");
        }

        if (heapLimitMiB is { } limit)
        {
            // The runtime's hard heap limit, so heap pressure ends in a real out-of-memory as in production.
            environment["DOTNET_GCHeapHardLimit"] = ((long)limit * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        }

        var properties = Path.Combine(runDirectory, "mm2.properties");
        File.WriteAllText(properties, Mm2Properties(scenario, sourceBootstrap, targetBootstrap));
        string[] arguments =
        [
            assembly,
            "--config", Path.GetFullPath(properties),
            "--state-dir", Path.GetFullPath(Path.Combine(runDirectory, "replicator-state")),
            "--metrics-file", Path.GetFullPath(Path.Combine(runDirectory, "replicator-metrics.jsonl")),
        ];
        return new ProcessReplicator("builtin", DotnetHost(), arguments, environment, log, Path.GetFullPath(runDirectory));
    }

    /// <summary>The MM2 properties the built-in replicator runs with; also what a user would give real MM2.</summary>
    public static string Mm2Properties(Scenario scenario, string sourceBootstrap, string targetBootstrap)
    {
        var spec = scenario.Replicator;
        var (source, target) = (spec.SourceAlias, spec.TargetAlias);
        var properties = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["clusters"] = $"{source}, {target}",
            [$"{source}.bootstrap.servers"] = sourceBootstrap,
            [$"{target}.bootstrap.servers"] = targetBootstrap,
            [$"{source}->{target}.enabled"] = "true",
            ["topics"] = string.Join(',', scenario.Topics.Select(t => Regex.Escape(t.Name))),
            ["replication.policy.class"] = spec.Policy == ReplicationPolicyKind.Identity
                ? "org.apache.kafka.connect.mirror.IdentityReplicationPolicy"
                : "org.apache.kafka.connect.mirror.DefaultReplicationPolicy",
        };
        // A rehearsal seeds its consumer groups after the load, minutes before MM2's defaults (600 s group
        // refresh, 60 s checkpoints) would notice them; the scenario's own properties still win.
        properties["refresh.groups.interval.seconds"] = "5";
        properties["emit.checkpoints.interval.seconds"] = "5";
        foreach (var (key, value) in spec.Properties)
        {
            properties[key] = value;
        }

        var text = new StringBuilder("# Written by the harness for this run. Harness defaults: refresh.groups.interval.seconds = 5,\n# emit.checkpoints.interval.seconds = 5 (MM2: 600 and 60); scenario properties override them.\n");
        foreach (var (key, value) in properties)
        {
            text.Append(key).Append(" = ").Append(value).Append('\n');
        }

        return text.ToString();
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
