using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads <c>expect</c>.</summary>
internal static class ExpectReader
{
    private const string Expected = "a mapping such as {lost: 0, reordered: 0, duplicates: {max: 0.1%}}";

    private const string ToleranceExpected = "a count such as 0 or 100, a percentage such as 0.1%, or {max: 100} / {max: 0.1%}";

    private const string LatencyExpected = "a mapping such as {p50: 200ms, p95: 1s, p99: 2s, max: 10s}";

    private const string HealthExpected = "a mapping such as {crashes: 3, metricGaps: 1, maxGap: 30s}";

    private const string RecoveryExpected = "a mapping such as {within: 30s, duplicatesPerFault: 1000}";

    private static readonly Choices<TopicVolume> Volumes = new(
        ("high", TopicVolume.High),
        ("medium", TopicVolume.Medium),
        ("low", TopicVolume.Low));

    /// <summary>Reads <c>expect</c>; <paramref name="topics"/> are the scenario's topic names, which <c>latency.byTopic</c> may name.</summary>
    public static ExpectSpec? Read(ParseContext context, YamlNode node, string path, IReadOnlyCollection<string>? topics = null)
    {
        if (context.AsMapping(node, path, Expected) is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["lost", "reordered", "duplicates", "corrupted", "abortedCopied", "staleKeys", "offsetTranslation", "drainWithin", "latency", "checkpointLatency", "replicator", "recovery", "memory"]);
        var valid = true;
        var lost = ReadTolerance(reader, "lost", ref valid);
        var reordered = ReadTolerance(reader, "reordered", ref valid);
        var duplicates = ReadTolerance(reader, "duplicates", ref valid);
        var corrupted = ReadTolerance(reader, "corrupted", ref valid);
        var abortedCopied = ReadTolerance(reader, "abortedCopied", ref valid);
        var staleKeys = ReadTolerance(reader, "staleKeys", ref valid);
        var translation = reader.Find("offsetTranslation") is { } t
            ? ReadOffsetTranslation(context, t, reader.PathOf("offsetTranslation"))
            : OffsetTranslationExpectation.Default;
        var drain = reader.Duration("drainWithin", positive: true);
        valid &= translation is not null && (reader.Find("drainWithin") is null || drain is not null);
        var latency = reader.Find("latency") is { } l ? ReadLatency(context, l, reader.PathOf("latency"), topics) : LatencyExpectation.None;
        var checkpoint = reader.Find("checkpointLatency") is { } c ? ReadBounds(context, c, reader.PathOf("checkpointLatency")) : LatencyBounds.None;
        var health = reader.Find("replicator") is { } h ? ReadHealth(context, h, reader.PathOf("replicator")) : ReplicatorHealthExpectation.Default;
        var recovery = reader.Find("recovery") is { } r ? ReadRecovery(context, r, reader.PathOf("recovery")) : RecoveryExpectation.None;
        var memory = reader.Find("memory") is { } m ? ReadMemory(context, m, reader.PathOf("memory")) : MemoryExpectation.None;
        valid &= latency is not null && checkpoint is not null && health is not null && recovery is not null && memory is not null;

        return valid
            ? new ExpectSpec
            {
                Lost = lost,
                Reordered = reordered,
                Duplicates = duplicates,
                Corrupted = corrupted,
                AbortedCopied = abortedCopied,
                StaleKeys = staleKeys,
                OffsetTranslation = translation!,
                DrainWithin = drain ?? ExpectSpec.DefaultDrainWithin,
                Latency = latency!,
                CheckpointLatency = checkpoint!,
                Replicator = health!,
                Recovery = recovery!,
                Memory = memory!,
            }
            : null;
    }

    private static Tolerance ReadTolerance(MappingReader reader, string key, ref bool valid)
    {
        if (reader.Find(key) is not { } node)
        {
            return Tolerance.Zero;
        }

        var path = reader.PathOf(key);
        if (node is YamlMappingNode mapping)
        {
            var inner = new MappingReader(reader.Context, mapping, path, ["max"]);
            if (inner.Value("max", required: true, ToleranceExpected) is not { } max)
            {
                valid = false;
                return Tolerance.Zero;
            }

            node = max;
            path = inner.PathOf("max");
        }

        if (reader.Context.AsText(node, path, ToleranceExpected) is { } text)
        {
            if (ScalarFormats.TryParsePercent(text, out var fraction) && fraction <= 1)
            {
                return Tolerance.Fraction(fraction);
            }

            if (ScalarFormats.TryParseInteger(text, out var count) && count >= 0)
            {
                return Tolerance.Count(count);
            }

            reader.Context.Report(node, $"{path} is {ParseContext.Describe(node)}", ToleranceExpected);
        }

        valid = false;
        return Tolerance.Zero;
    }

    private static OffsetTranslationExpectation? ReadOffsetTranslation(ParseContext context, YamlNode node, string path)
    {
        if (context.AsMapping(node, path, "a mapping such as {ahead: 0, maxRedelivery: 100}") is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["ahead", "maxRedelivery"]);
        var ahead = reader.Integer("ahead", 0, long.MaxValue);
        var redelivery = reader.Integer("maxRedelivery", 0, long.MaxValue);
        if ((reader.Find("ahead") is not null && ahead is null) || (reader.Find("maxRedelivery") is not null && redelivery is null))
        {
            return null;
        }

        return new OffsetTranslationExpectation
        {
            Ahead = ahead ?? 0,
            MaxRedelivery = redelivery ?? OffsetTranslationExpectation.DefaultMaxRedelivery,
        };
    }

    private static LatencyExpectation? ReadLatency(ParseContext context, YamlNode node, string path, IReadOnlyCollection<string>? topics)
    {
        if (context.AsMapping(node, path, LatencyExpected + ", with byTopic and byVolume maps of the same") is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["p50", "p95", "p99", "max", "byTopic", "byVolume"]);
        var overall = Bounds(reader);
        var valid = overall is not null;
        var byTopic = new Dictionary<string, LatencyBounds>(StringComparer.Ordinal);
        if (reader.Find("byTopic") is { } topicNode && context.AsMapping(topicNode, reader.PathOf("byTopic"), "a mapping of topic names to bounds, such as {orders: {p99: 1s}}") is { } topicMap)
        {
            foreach (var (key, value) in topicMap.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                var entryPath = $"{reader.PathOf("byTopic")}.{name}";
                if (topics is not null && !topics.Contains(name))
                {
                    context.Report(key, $"{entryPath} names no topic of the scenario", "one of " + string.Join(", ", topics));
                    valid = false;
                    continue;
                }

                if (ReadBounds(context, value, entryPath) is { } bounds)
                {
                    byTopic[name] = bounds;
                }
                else
                {
                    valid = false;
                }
            }
        }
        else if (reader.Find("byTopic") is not null)
        {
            valid = false;
        }

        var byVolume = new Dictionary<TopicVolume, LatencyBounds>();
        if (reader.Find("byVolume") is { } volumeNode && context.AsMapping(volumeNode, reader.PathOf("byVolume"), "a mapping of volume classes to bounds, such as {high: {p99: 1s}}") is { } volumeMap)
        {
            foreach (var (key, value) in volumeMap.Children)
            {
                var entryPath = $"{reader.PathOf("byVolume")}.{(key as YamlScalarNode)?.Value}";
                var volume = context.Choice(key, reader.PathOf("byVolume") + " key", Volumes);
                if (volume is { } v && ReadBounds(context, value, entryPath) is { } bounds)
                {
                    byVolume[v] = bounds;
                }
                else
                {
                    valid = false;
                }
            }
        }
        else if (reader.Find("byVolume") is not null)
        {
            valid = false;
        }

        return valid ? new LatencyExpectation { Overall = overall!, ByTopic = byTopic, ByVolume = byVolume } : null;
    }

    private static LatencyBounds? ReadBounds(ParseContext context, YamlNode node, string path) =>
        context.AsMapping(node, path, LatencyExpected) is { } mapping ? Bounds(new MappingReader(context, mapping, path, ["p50", "p95", "p99", "max"])) : null;

    /// <summary>Reads the {p50, p95, p99, max} durations of a mapping.</summary>
    private static LatencyBounds? Bounds(MappingReader reader)
    {
        var p50 = reader.Duration("p50", positive: true);
        var p95 = reader.Duration("p95", positive: true);
        var p99 = reader.Duration("p99", positive: true);
        var max = reader.Duration("max", positive: true);
        var valid = Given(reader, "p50", p50) && Given(reader, "p95", p95) && Given(reader, "p99", p99) && Given(reader, "max", max);
        return valid ? new LatencyBounds { P50 = p50, P95 = p95, P99 = p99, Max = max } : null;
    }

    private static ReplicatorHealthExpectation? ReadHealth(ParseContext context, YamlNode node, string path)
    {
        if (context.AsMapping(node, path, HealthExpected) is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["crashes", "metricGaps", "maxGap", "metricsGap"]);
        var crashes = reader.Integer("crashes", 0, int.MaxValue);
        var gaps = reader.Integer("metricGaps", 0, int.MaxValue);
        var maxGap = reader.Duration("maxGap", positive: true);
        var metricsGap = reader.Duration("metricsGap", positive: true);
        return Given(reader, "crashes", crashes) && Given(reader, "metricGaps", gaps) && Given(reader, "maxGap", maxGap) && Given(reader, "metricsGap", metricsGap)
            ? new ReplicatorHealthExpectation
            {
                Crashes = (int)(crashes ?? 0),
                MetricGaps = (int)(gaps ?? 0),
                MaxGap = maxGap,
                MetricsGap = metricsGap ?? ReplicatorHealthExpectation.DefaultMetricsGap,
            }
            : null;
    }

    private static RecoveryExpectation? ReadRecovery(ParseContext context, YamlNode node, string path)
    {
        if (context.AsMapping(node, path, RecoveryExpected) is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["within", "duplicatesPerFault"]);
        var within = reader.Duration("within", positive: true);
        var duplicates = reader.Integer("duplicatesPerFault", 0, long.MaxValue);
        return Given(reader, "within", within) && Given(reader, "duplicatesPerFault", duplicates)
            ? new RecoveryExpectation { Within = within, DuplicatesPerFault = duplicates }
            : null;
    }

    private static MemoryExpectation? ReadMemory(ParseContext context, YamlNode node, string path)
    {
        if (context.AsMapping(node, path, "a mapping such as {maxSlopeMiBPerMinute: 5}") is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["maxSlopeMiBPerMinute"]);
        var slope = reader.Number("maxSlopeMiBPerMinute", 0, 1_000_000);
        return Given(reader, "maxSlopeMiBPerMinute", slope) ? new MemoryExpectation { MaxSlopeMiBPerMinute = slope } : null;
    }

    /// <summary>Whether a key is absent or was read: a key given but unreadable has already been reported.</summary>
    private static bool Given<T>(MappingReader reader, string key, T? value)
        where T : struct =>
        reader.Find(key) is null || value is not null;
}
