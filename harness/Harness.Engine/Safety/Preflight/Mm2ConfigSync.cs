using System.Text.RegularExpressions;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Safety.Preflight;

/// <summary>
/// What MirrorMaker 2 does with a topic setting that differs between source and target: topic configs are copied
/// unless <c>config.properties.exclude</c> (DefaultConfigPropertyFilter) names them or the sync is off; partitions are
/// added, never removed; the replication factor is set once, when MM2 creates the topic.
/// </summary>
public sealed class Mm2ConfigSync
{
    /// <summary>DefaultConfigPropertyFilter's default <c>config.properties.exclude</c>: never copied unless overridden.</summary>
    public const string DefaultExclude =
        @"follower\.replication\.throttled\.replicas, leader\.replication\.throttled\.replicas, message\.timestamp\.difference\.max\.ms, message\.timestamp\.type, unclean\.leader\.election\.enable, min\.insync\.replicas";

    private readonly Regex[] _exclude;
    private readonly bool _enabled;

    /// <summary>The sync of <paramref name="replicator"/>'s properties (its own exclude list when it sets one).</summary>
    public Mm2ConfigSync(ReplicatorSpec replicator)
    {
        ArgumentNullException.ThrowIfNull(replicator);
        _enabled = !replicator.Disabled("sync.topic.configs.enabled");
        var exclude = replicator.Properties.TryGetValue("config.properties.exclude", out var value) ? value
            : replicator.Properties.TryGetValue("config.properties.blacklist", out var old) ? old
            : DefaultExclude;
        _exclude = [.. exclude.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new Regex($"^(?:{p})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))];
    }

    /// <summary>Whether MM2 copies the topic config <paramref name="name"/> from source to target.</summary>
    public bool Copies(string name) => _enabled && !_exclude.Any(p => p.IsMatch(name));

    /// <summary>The report's note for a difference in <paramref name="setting"/> with those values.</summary>
    public string Note(string setting, string? sourceValue, string? targetValue) => setting switch
    {
        "partitions" when int.TryParse(sourceValue, out var s) && int.TryParse(targetValue, out var t) && s < t =>
            "never synced down: MM2 only adds partitions, and records keep their partition number, so target partitions above the source's stay empty",
        "partitions" => "MM2 adds target partitions to match the source (at its next topic refresh)",
        "replication.factor" => "never synced: MM2 sets it only when it creates the topic (replication.factor)",
        _ when !_enabled => "never synced: sync.topic.configs.enabled=false",
        _ when !Copies(setting) => "never synced: excluded by MM2's config.properties.exclude (DefaultConfigPropertyFilter)",
        _ => "synced from the source (every sync.topic.configs.interval.seconds, 600 s by default)",
    };
}
