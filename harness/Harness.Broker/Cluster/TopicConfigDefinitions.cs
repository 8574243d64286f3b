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
        new("cleanup.policy", "delete", ConfigType.List, ["delete", "compact", "compact,delete", "delete,compact"]),
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

        var valid = definition.Type switch
        {
            ConfigType.Boolean => value is "true" or "false",
            ConfigType.Int => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            ConfigType.Long => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            ConfigType.Double => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            _ => definition.Allowed is null || definition.Allowed.Contains(value, StringComparer.Ordinal),
        };
        return valid ? null : $"Invalid value {value} for configuration {name}";
    }
}
