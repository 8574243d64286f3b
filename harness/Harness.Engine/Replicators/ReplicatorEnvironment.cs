using System.Globalization;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Replicators;

/// <summary>The environment every replicator process gets: where the clusters are, what to copy, and who its parent is.</summary>
public static class ReplicatorEnvironment
{
    /// <summary>HARNESS_SOURCE_BOOTSTRAP, HARNESS_TARGET_BOOTSTRAP, HARNESS_TOPICS, the aliases, the policy, the parent's pid and the run folder.</summary>
    /// <remarks>
    /// Secrets written in the scenario (embedded clusters only) travel here too, as the variables the references in
    /// the child's files name: never in a file or an argument list.
    /// </remarks>
    public static Dictionary<string, string> For(ReplicatorLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var spec = launch.Scenario.Replicator;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HARNESS_SOURCE_BOOTSTRAP"] = launch.Source.Bootstrap,
            ["HARNESS_TARGET_BOOTSTRAP"] = launch.Target.Bootstrap,
            ["HARNESS_TOPICS"] = string.Join(',', launch.Scenario.Topics.Select(t => t.Name)),
            ["HARNESS_SOURCE_ALIAS"] = spec.SourceAlias,
            ["HARNESS_TARGET_ALIAS"] = spec.TargetAlias,
            ["HARNESS_POLICY"] = spec.Policy == ReplicationPolicyKind.Identity ? "identity" : "default",
            ["HARNESS_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            ["HARNESS_RUN_DIR"] = Path.GetFullPath(launch.RunDirectory),
        };
        foreach (var (name, value) in launch.Source.Security.ChildEnvironment().Concat(launch.Target.Security.ChildEnvironment()))
        {
            environment[name] = value;
        }

        return environment;
    }
}
