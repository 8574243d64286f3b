using System.Globalization;

namespace Harness.Broker.Storage;

/// <summary>The topic configs the broker acts on, parsed once from the topic's config map.</summary>
internal sealed record TopicConfig(long RetentionBytes, long RetentionMs, bool LogAppendTime, int MinInsyncReplicas, int MaxMessageBytes)
{
    /// <summary>The defaults: keep everything for the run, as a rehearsal needs.</summary>
    public static TopicConfig Default { get; } = new(-1, -1, false, 1, 1048588);

    public static TopicConfig From(IReadOnlyDictionary<string, string> configs) => new(
        Long(configs, "retention.bytes", Default.RetentionBytes),
        Long(configs, "retention.ms", Default.RetentionMs),
        configs.TryGetValue("message.timestamp.type", out var type) && type == "LogAppendTime",
        (int)Long(configs, "min.insync.replicas", Default.MinInsyncReplicas),
        (int)Long(configs, "max.message.bytes", Default.MaxMessageBytes));

    private static long Long(IReadOnlyDictionary<string, string> configs, string key, long fallback) =>
        configs.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
