using System.Globalization;

namespace Harness.Broker.Storage;

/// <summary>The topic configs the broker acts on, parsed once from the topic's config map.</summary>
internal sealed record TopicConfig(long RetentionBytes, long RetentionMs, bool LogAppendTime, int MinInsyncReplicas, int MaxMessageBytes)
{
    /// <summary>The defaults: keep everything for the run, as a rehearsal needs.</summary>
    public static TopicConfig Default { get; } = new(-1, -1, false, 1, 1048588);

    /// <summary>cleanup.policy contains <c>delete</c>: retention removes old batches (the default policy).</summary>
    public bool Delete { get; init; } = true;

    /// <summary>cleanup.policy contains <c>compact</c>: the cleaner keeps the latest record per key.</summary>
    public bool Compact { get; init; }

    /// <summary>min.compaction.lag.ms: a record this young (by its append time on this broker) is never compacted.</summary>
    public long MinCompactionLagMs { get; init; }

    /// <summary>delete.retention.ms: how long tombstones and abort markers stay after the cleaner first passes them.</summary>
    public long DeleteRetentionMs { get; init; } = 86_400_000;

    /// <summary>segment.bytes: the active segment rolls when an append would take it past this size.</summary>
    public long SegmentBytes { get; init; } = 1_073_741_824;

    /// <summary>segment.ms: the active segment rolls at the first append this long after it was opened.</summary>
    public long SegmentMs { get; init; } = 604_800_000;

    public static TopicConfig From(IReadOnlyDictionary<string, string> configs)
    {
        var policies = configs.TryGetValue("cleanup.policy", out var policy)
            ? policy.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : ["delete"];
        return new(
            Long(configs, "retention.bytes", Default.RetentionBytes),
            Long(configs, "retention.ms", Default.RetentionMs),
            configs.TryGetValue("message.timestamp.type", out var type) && type == "LogAppendTime",
            (int)Long(configs, "min.insync.replicas", Default.MinInsyncReplicas),
            (int)Long(configs, "max.message.bytes", Default.MaxMessageBytes))
        {
            Delete = policies.Contains("delete", StringComparer.Ordinal),
            Compact = policies.Contains("compact", StringComparer.Ordinal),
            MinCompactionLagMs = Long(configs, "min.compaction.lag.ms", 0),
            DeleteRetentionMs = Long(configs, "delete.retention.ms", Default.DeleteRetentionMs),
            SegmentBytes = Long(configs, "segment.bytes", Default.SegmentBytes),
            SegmentMs = Long(configs, "segment.ms", Default.SegmentMs),
        };
    }

    private static long Long(IReadOnlyDictionary<string, string> configs, string key, long fallback) =>
        configs.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
