using System.Text.RegularExpressions;

namespace Harness.Replicator.Configuration;

/// <summary>Typed, range-checked reads of one flow's settings, each error naming its key.</summary>
internal sealed class FlowValues(Func<string, string?> setting)
{
    public IReadOnlyList<Regex>? Regexes(string key, string? legacyKey) =>
        setting(key) is { } value ? ReplicatorSettings.RegexList(key, value)
            : legacyKey is not null && setting(legacyKey) is { } legacy ? ReplicatorSettings.RegexList(legacyKey, legacy)
            : null;

    public int Int(string key, int fallback, int min, int max = int.MaxValue)
    {
        if (setting(key) is not { } value)
        {
            return fallback;
        }

        var n = ReplicatorSettings.Int(key, value);
        return n >= min && n <= max ? n : throw new ReplicatorConfigException($"{key}={value}: expected {min} to {max}");
    }

    public long Long(string key, long fallback, long min)
    {
        if (setting(key) is not { } value)
        {
            return fallback;
        }

        var n = ReplicatorSettings.Long(key, value);
        return n >= min ? n : throw new ReplicatorConfigException($"{key}={value}: expected at least {min}");
    }

    public bool Bool(string key, bool fallback) => setting(key) is { } value ? ReplicatorSettings.Bool(key, value) : fallback;

    public TimeSpan Seconds(string key, TimeSpan fallback) =>
        setting(key) is null ? fallback : TimeSpan.FromSeconds(Int(key, 0, 1));

    /// <summary>Whether a partition's latest waiting sync is written at each commit (MM2 3.7.0+, KAFKA-15906) or never (earlier MM2).</summary>
    public bool SyncsAtCommit(string key) => setting(key)?.Trim() switch
    {
        null or "3.7" => true,
        "3.6" => false,
        var other => throw new ReplicatorConfigException($"{key}={other}: expected 3.7 (the latest sync of every partition written at each commit, KAFKA-15906) or 3.6 (only syncs due at once, as before MirrorMaker 2 3.7.0)"),
    };

    public OffsetSyncsTopicLocation Location(string key) => setting(key)?.Trim().ToLowerInvariant() switch
    {
        null or "source" => OffsetSyncsTopicLocation.Source,
        "target" => OffsetSyncsTopicLocation.Target,
        var other => throw new ReplicatorConfigException($"{key}={other}: expected source or target"),
    };
}
