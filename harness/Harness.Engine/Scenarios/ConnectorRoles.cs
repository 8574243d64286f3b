namespace Harness.Engine.Scenarios;

/// <summary>
/// The MirrorMaker 2 connectors a Connect-shaped replicator runs for a scenario, by role: one MirrorSourceConnector per
/// volume class its topics have (<c>source-high</c>, <c>source-medium</c>, <c>source-low</c>; <c>source</c> for topics
/// without <c>volume</c>), a MirrorCheckpointConnector (<c>checkpoint</c>) and a MirrorHeartbeatConnector
/// (<c>heartbeat</c>) unless the properties turn checkpoints or heartbeats off.
/// </summary>
public static class ConnectorRoles
{
    /// <summary>The role of a checkpoint connector.</summary>
    public const string Checkpoint = "checkpoint";

    /// <summary>The role of a heartbeat connector.</summary>
    public const string Heartbeat = "heartbeat";

    /// <summary>The role of the source connector of topics without a volume class.</summary>
    public const string UntaggedSource = "source";

    /// <summary>The role of the source connector of <paramref name="volume"/>'s topics, or of untagged topics.</summary>
    public static string Source(TopicVolume? volume) => volume is { } v ? "source-" + v.ToString().ToLowerInvariant() : UntaggedSource;

    /// <summary>The roles <paramref name="scenario"/> needs, source connectors first (high to low, then untagged).</summary>
    public static IReadOnlyList<string> For(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var roles = scenario.Topics.Select(t => t.Volume).Distinct()
            .OrderBy(v => v is null ? int.MaxValue : (int)v.Value)
            .Select(Source)
            .ToList();
        var spec = scenario.Replicator;
        if (!spec.Disabled("emit.checkpoints.enabled") || IsOn(spec, "sync.group.offsets.enabled"))
        {
            roles.Add(Checkpoint);
        }

        if (!spec.Disabled("emit.heartbeats.enabled"))
        {
            roles.Add(Heartbeat);
        }

        return roles;
    }

    /// <summary>
    /// The role <paramref name="name"/> stands for among <paramref name="roles"/>: a role itself, or a volume class
    /// (<c>high</c> for <c>source-high</c>); <see langword="null"/> when it names none.
    /// </summary>
    public static string? Resolve(string name, IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var trimmed = name.Trim();
        return roles.FirstOrDefault(r => r == trimmed) ?? roles.FirstOrDefault(r => r == "source-" + trimmed);
    }

    private static bool IsOn(ReplicatorSpec spec, string property) =>
        spec.Properties.TryGetValue(property, out var value) && value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
}
