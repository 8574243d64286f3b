using Harness.Engine.Scenarios;

namespace Harness.Engine.Safety;

/// <summary>
/// The names a run may create on a cluster: its topics (source names, remote names), the internal topics MirrorMaker 2
/// and Connect make for its aliases, its consumer groups and the harness's own (<c>harness-*</c>), and with a
/// <c>topicPrefix</c> any name that starts with it. A cleanup deletes only such names, and only those that did not exist
/// before the run.
/// </summary>
public sealed class RunOwnership
{
    private readonly HashSet<string> _topics;
    private readonly HashSet<string> _groups;
    private readonly string[] _aliases;
    private readonly string? _prefix;

    /// <summary>The names <paramref name="scenario"/> owns.</summary>
    public RunOwnership(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var replicator = scenario.Replicator;
        _aliases = [replicator.SourceAlias, replicator.TargetAlias];
        _prefix = scenario.AppliedPrefix;
        _topics = new HashSet<string>(scenario.Topics.SelectMany(t => new[] { t.Name, replicator.RemoteTopic(t.Name) }), StringComparer.Ordinal) { "heartbeats" };
        _groups = new HashSet<string>(
            scenario.Consumers.Select(c => c.Group).Concat(scenario.Apps.Where(a => a.Consumer is not null).Select(a => a.Consumer!.Group)), StringComparer.Ordinal);
    }

    /// <summary>Whether a topic of that name is one the run makes.</summary>
    public bool OwnsTopic(string topic) =>
        _topics.Contains(topic)
        || topic.StartsWith("harness-", StringComparison.Ordinal)
        || HasPrefix(topic)
        || _aliases.Any(alias => topic == $"{alias}.heartbeats" || topic == $"{alias}.checkpoints.internal"
            || topic == $"mm2-offset-syncs.{alias}.internal" || topic == $"mm2-offsets.{alias}.internal"
            || topic == $"mm2-configs.{alias}.internal" || topic == $"mm2-status.{alias}.internal");

    /// <summary>Whether a consumer group of that id is one the run makes.</summary>
    public bool OwnsGroup(string group) => _groups.Contains(group) || group.StartsWith("harness-", StringComparison.Ordinal) || HasPrefix(group);

    private bool HasPrefix(string name) => _prefix is { Length: > 0 } prefix && name.StartsWith(prefix, StringComparison.Ordinal);
}
