using System.Text.RegularExpressions;

namespace Harness.Engine.Scenarios;

/// <summary>
/// Applies a scenario's <c>topicPrefix</c> in one place: the run rewrites its scenario before anything starts, so every
/// part of the run (topic creation, load, replicator configs, verifier, apps, cut-over, faults, checks, reports, cleanup)
/// sees only the final names and none of them knows about prefixes.
/// </summary>
public static class ScenarioPrefix
{
    /// <summary>The placeholder a prefix may hold, replaced by the run's id (16 hex digits).</summary>
    public const string RunIdPlaceholder = "{runId}";

    /// <summary>How long the run id a prefix holds is, for length checks before there is a run.</summary>
    public const int RunIdLength = 16;

    /// <summary>
    /// MirrorMaker 2 properties whose values list the topics or groups the replicator may reach, as comma-separated
    /// regexes; the exclude lists only narrow that reach, so they stay as written.
    /// </summary>
    private static readonly string[] ReachKeys = ["topics", "groups"];

    /// <summary><paramref name="template"/> with <see cref="RunIdPlaceholder"/> replaced by <paramref name="runId"/>.</summary>
    public static string Expand(string template, string runId)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Replace(RunIdPlaceholder, runId, StringComparison.Ordinal);
    }

    /// <summary>
    /// <paramref name="scenario"/> with its <see cref="Scenario.TopicPrefix"/>, expanded with <paramref name="runId"/>,
    /// in front of every topic and consumer group it names: topics, <c>consumers</c> and <c>apps</c> groups and their
    /// topics, faults that name a topic, <c>expect</c> entries keyed by topic, and the replicator's <c>topics</c> and
    /// <c>groups</c> properties (<c>groups</c> is set to the prefix when not given, so checkpoints and offset syncing
    /// stay on the run's own groups). Remote names follow from the prefixed names under the replication policy. App
    /// names, aliases and MirrorMaker 2's internal topics are left alone. Unchanged when there is no prefix, or when it
    /// was applied already.
    /// </summary>
    public static Scenario Apply(Scenario scenario, string runId)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(runId);
        if (scenario.TopicPrefix is not { } template || scenario.AppliedPrefix is not null)
        {
            return scenario;
        }

        var prefix = Expand(template, runId);
        var declared = scenario.Topics.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        string Topic(string name) => declared.Contains(name) ? prefix + name : name;
        return scenario with
        {
            AppliedPrefix = prefix,
            Topics = [.. scenario.Topics.Select(t => t with { Name = prefix + t.Name, DeclaredName = t.DeclaredName })],
            Consumers = [.. scenario.Consumers.Select(c => c with { Group = prefix + c.Group, Topics = [.. c.Topics.Select(Topic)] })],
            Apps = [.. scenario.Apps.Select(a => a with
            {
                Consumer = a.Consumer is { } consumer ? consumer with { Group = prefix + consumer.Group, Topics = [.. consumer.Topics.Select(Topic)] } : null,
                Producer = a.Producer is { } producer ? producer with { Topics = [.. producer.Topics.Select(Topic)] } : null,
            })],
            Faults = [.. scenario.Faults.Select(f => f with { Parameters = PrefixedFaultParameters(f, Topic) })],
            Expect = scenario.Expect with
            {
                Latency = scenario.Expect.Latency with
                {
                    ByTopic = scenario.Expect.Latency.ByTopic.ToDictionary(e => Topic(e.Key), e => e.Value, StringComparer.Ordinal),
                },
            },
            Replicator = scenario.Replicator with { Properties = ReplicatorProperties(scenario.Replicator.Properties, prefix) },
        };
    }

    /// <summary>
    /// A fault's parameters with the topics they name prefixed: <c>topic</c>, <c>leaderOf: topic/partition</c>, and the
    /// plain value of <c>compact: orders</c> (other plain values are apps, connectors, workers or amounts).
    /// </summary>
    private static Dictionary<string, string> PrefixedFaultParameters(FaultSpec fault, Func<string, string> topic)
    {
        var parameters = new Dictionary<string, string>(fault.Parameters, StringComparer.Ordinal);
        string[] topicKeys = fault.Action == FaultAction.Compact ? ["topic", "value"] : ["topic"];
        foreach (var key in topicKeys.Where(parameters.ContainsKey))
        {
            parameters[key] = topic(parameters[key]);
        }

        if (parameters.TryGetValue("leaderOf", out var leaderOf) && leaderOf.LastIndexOf('/') is var slash and > 0)
        {
            parameters["leaderOf"] = topic(leaderOf[..slash]) + leaderOf[slash..];
        }

        return parameters;
    }

    private static Dictionary<string, string> ReplicatorProperties(IReadOnlyDictionary<string, string> properties, string prefix)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            result[key] = ReachKeys.Contains(BareKey(key), StringComparer.Ordinal) ? PrefixRegexes(value, prefix) : value;
        }

        // MirrorMaker 2 checkpoints (and with sync.group.offsets.enabled, writes) every group on the source by default
        // (groups = .*): on a shared cluster that would reach groups the run did not make.
        if (!properties.Keys.Any(k => BareKey(k) == "groups"))
        {
            result["groups"] = Regex.Escape(prefix) + ".*";
        }

        return result;
    }

    /// <summary>The key without a flow's <c>source->target.</c> in front.</summary>
    private static string BareKey(string key)
    {
        var arrow = key.IndexOf("->", StringComparison.Ordinal);
        var dot = arrow < 0 ? -1 : key.IndexOf('.', arrow);
        return dot < 0 ? key : key[(dot + 1)..];
    }

    /// <summary>Each comma-separated regex of <paramref name="list"/>, anchored behind the escaped <paramref name="prefix"/>.</summary>
    private static string PrefixRegexes(string list, string prefix) =>
        string.Join(", ", list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(regex => Regex.Escape(prefix) + (regex.Contains('|', StringComparison.Ordinal) ? $"(?:{regex})" : regex)));
}
