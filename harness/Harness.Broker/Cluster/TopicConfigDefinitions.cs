using System.Collections.Frozen;
using System.Globalization;

namespace Harness.Broker.Cluster;

/// <summary>
/// The topic configs of Apache Kafka 3.x with their defaults, so DescribeConfigs and config sync look like a
/// real broker's. One deliberate difference: retention.ms defaults to -1 (keep everything for the run), because
/// a rehearsal that replays old timestamps must not see its data expire under it.
/// </summary>
internal static class TopicConfigDefinitions
{
    public static FrozenDictionary<string, ConfigDefinition> All { get; } = new ConfigDefinition[]
    {
        new("cleanup.policy", "delete", ConfigType.List, ["delete", "compact"]),
        new("compression.type", "producer", ConfigType.String, ["producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"]),
        new("delete.retention.ms", "86400000", ConfigType.Long),
        new("file.delete.delay.ms", "60000", ConfigType.Long),
        new("flush.messages", "9223372036854775807", ConfigType.Long),
        new("flush.ms", "9223372036854775807", ConfigType.Long),
        new("follower.replication.throttled.replicas", "", ConfigType.List),
        new("index.interval.bytes", "4096", ConfigType.Int),
        new("leader.replication.throttled.replicas", "", ConfigType.List),
        new("local.retention.bytes", "-2", ConfigType.Long),
        new("local.retention.ms", "-2", ConfigType.Long),
        new("max.compaction.lag.ms", "9223372036854775807", ConfigType.Long),
        new("max.message.bytes", "1048588", ConfigType.Int),
        new("message.downconversion.enable", "true", ConfigType.Boolean),
        new("message.format.version", "3.0-IV1", ConfigType.String),
        new("message.timestamp.after.max.ms", "9223372036854775807", ConfigType.Long),
        new("message.timestamp.before.max.ms", "9223372036854775807", ConfigType.Long),
        new("message.timestamp.difference.max.ms", "9223372036854775807", ConfigType.Long),
        new("message.timestamp.type", "CreateTime", ConfigType.String, ["CreateTime", "LogAppendTime"]),
        new("min.cleanable.dirty.ratio", "0.5", ConfigType.Double),
        new("min.compaction.lag.ms", "0", ConfigType.Long),
        new("min.insync.replicas", "1", ConfigType.Int),
        new("preallocate", "false", ConfigType.Boolean),
        new("remote.storage.enable", "false", ConfigType.Boolean),
        new("retention.bytes", "-1", ConfigType.Long),
        new("retention.ms", "-1", ConfigType.Long),
        new("segment.bytes", "1073741824", ConfigType.Int),
        new("segment.index.bytes", "10485760", ConfigType.Int),
        new("segment.jitter.ms", "0", ConfigType.Long),
        new("segment.ms", "604800000", ConfigType.Long),
        new("unclean.leader.election.enable", "false", ConfigType.Boolean),
    }.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>Kafka's lower bounds, so a value Kafka refuses (min.insync.replicas=0, retention.ms=-5) is refused here too.</summary>
    private static readonly FrozenDictionary<string, double> Minimums = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["delete.retention.ms"] = 0,
        ["file.delete.delay.ms"] = 0,
        ["flush.messages"] = 1,
        ["flush.ms"] = 0,
        ["index.interval.bytes"] = 0,
        ["local.retention.bytes"] = -2,
        ["local.retention.ms"] = -2,
        ["max.compaction.lag.ms"] = 1,
        ["max.message.bytes"] = 0,
        ["message.timestamp.after.max.ms"] = 0,
        ["message.timestamp.before.max.ms"] = 0,
        ["message.timestamp.difference.max.ms"] = 0,
        ["min.cleanable.dirty.ratio"] = 0,
        ["min.compaction.lag.ms"] = 0,
        ["min.insync.replicas"] = 1,
        ["retention.ms"] = -1,
        ["segment.bytes"] = 14,
        ["segment.index.bytes"] = 4,
        ["segment.jitter.ms"] = 0,
        ["segment.ms"] = 1,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The broker-level config each topic config falls back to, reported as its synonym.</summary>
    private static readonly FrozenDictionary<string, string> BrokerSynonyms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cleanup.policy"] = "log.cleanup.policy",
        ["compression.type"] = "compression.type",
        ["max.message.bytes"] = "message.max.bytes",
        ["message.timestamp.type"] = "log.message.timestamp.type",
        ["min.insync.replicas"] = "min.insync.replicas",
        ["retention.bytes"] = "log.retention.bytes",
        ["retention.ms"] = "log.retention.ms",
        ["segment.bytes"] = "log.segment.bytes",
        ["unclean.leader.election.enable"] = "unclean.leader.election.enable",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The broker config a topic config defaults from, or null when the broker exposes none.</summary>
    public static string? BrokerSynonym(string name) => BrokerSynonyms.GetValueOrDefault(name);

    /// <summary>Returns a one-line reason when a config name or value is not acceptable, else null.</summary>
    public static string? Validate(IReadOnlyDictionary<string, string> configs)
    {
        foreach (var (name, value) in configs)
        {
            var error = Validate(name, value);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    public static string? Validate(string name, string? value)
    {
        if (!All.TryGetValue(name, out var definition))
        {
            return $"Unknown topic config name: {name}";
        }

        if (value is null)
        {
            return null;
        }

        var text = value.Trim();
        double? number = null;
        var valid = true;
        switch (definition.Type)
        {
            case ConfigType.Boolean:
                valid = text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase);
                break;
            case ConfigType.Int:
                valid = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i);
                number = i;
                break;
            case ConfigType.Long:
                valid = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l);
                number = l;
                break;
            case ConfigType.Double:
                valid = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d);
                number = d;
                break;
            case ConfigType.List when definition.Allowed is not null:
                var items = SplitList(text);
                if (items.Length == 0)
                {
                    return $"Invalid value {value} for configuration {name}: the list must name at least one of [{string.Join(", ", definition.Allowed)}]";
                }

                var unknown = items.FirstOrDefault(item => !definition.Allowed.Contains(item, StringComparer.Ordinal));
                if (unknown is not null)
                {
                    return $"Invalid value {unknown} for configuration {name}: String must be one of: {string.Join(", ", definition.Allowed)}";
                }

                break;
            case ConfigType.String when definition.Allowed is not null:
                if (!definition.Allowed.Contains(text, StringComparer.Ordinal))
                {
                    return $"Invalid value {value} for configuration {name}: String must be one of: {string.Join(", ", definition.Allowed)}";
                }

                break;
        }

        if (!valid)
        {
            return $"Invalid value {value} for configuration {name}: Not a number of type {definition.Type.ToString().ToUpperInvariant()}";
        }

        if (number is { } n && Minimums.TryGetValue(name, out var minimum) && n < minimum)
        {
            return $"Invalid value {value} for configuration {name}: Value must be at least {minimum.ToString(CultureInfo.InvariantCulture)}";
        }

        if (name == "min.cleanable.dirty.ratio" && number > 1)
        {
            return $"Invalid value {value} for configuration {name}: Value must be no more than 1";
        }

        return null;
    }

    /// <summary>Splits a LIST config value as Kafka does: comma separated, items trimmed, empty items dropped.</summary>
    public static string[] SplitList(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
