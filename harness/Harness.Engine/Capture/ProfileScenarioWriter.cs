using System.Globalization;
using System.Text;
using Harness.Engine.Clusters.Embedded;
using Harness.Engine.Load.Model;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Capture;

/// <summary>
/// Writes a <see cref="ClusterProfile"/> as a scenario that <c>harness run</c> replays on embedded clusters: the
/// same topics and partitions, each topic's rate (constant, or the captured per-second series when it varied),
/// sizes, keys and headers, its own configs, and the consumer groups at their captured progress. Comments say
/// what was measured, so a reader can judge the estimates.
/// </summary>
public static class ProfileScenarioWriter
{
    /// <summary>Topics at or above this rate are written as <c>volume: high</c>.</summary>
    public const double HighVolume = 1_000;

    /// <summary>Topics at or above this rate (and below <see cref="HighVolume"/>) are written as <c>volume: medium</c>.</summary>
    public const double MediumVolume = 50;

    /// <summary>A per-second series whose standard deviation exceeds this share of its mean is replayed second by second.</summary>
    public const double SteadyVariation = 0.25;

    private const int ValuesPerLine = 12;

    /// <summary>Writes the scenario text.</summary>
    /// <param name="profile">The captured profile.</param>
    /// <param name="name">The scenario's name; by default one made from the bootstrap servers.</param>
    public static string Write(ClusterProfile profile, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var text = new StringBuilder();
        var window = ScalarFormats.FormatDuration(TimeSpan.FromSeconds(Math.Max(1, Math.Round(profile.Window.TotalSeconds))));
        Line(text, $"# Captured by `harness capture` from {profile.Bootstrap} at {profile.CapturedAt:yyyy-MM-dd HH:mm} UTC, over a {window} window.");
        Line(text, $"# {Count(profile.Brokers, "broker")}, {Count(profile.Topics.Count, "topic")}, {Count(profile.Groups.Count, "consumer group")}; up to {profile.SampleLimit} records sampled per topic");
        Line(text, $"# (value sizes, key counts and header counts only: no payload was kept).");
        if (profile.SkippedTopics.Count > 0)
        {
            Line(text, $"# Left out as internal: {string.Join(", ", profile.SkippedTopics)}.");
        }

        Line(text, $"# Replay: harness run THIS_FILE");
        Line(text);
        Line(text, $"name: {Quote(OneLine(name ?? $"capture of {profile.Bootstrap}"))}");
        Line(text, $"description: {Quote($"Load captured from {profile.Bootstrap} over {window}, replayed on embedded clusters.")}");
        Line(text, $"seed: 1");
        Line(text);
        Line(text, $"clusters:");
        Line(text, $"  # the captured cluster had {Count(profile.Brokers, "broker")}");
        Line(text, $"  source: {{brokers: {Math.Clamp(profile.Brokers, 1, EmbeddedClusterSettings.DefaultBrokers)}}}");
        Line(text, $"  target: {{brokers: {Math.Clamp(profile.Brokers, 1, EmbeddedClusterSettings.DefaultBrokers)}}}");
        Line(text);
        Line(text, $"topics:");
        foreach (var topic in profile.Topics)
        {
            WriteTopic(text, topic, window);
        }

        Line(text);
        Line(text, $"replicator:");
        Line(text, $"  kind: builtin");
        Line(text, $"  policy: identity");
        Line(text, $"  properties:");
        Line(text, $"    emit.checkpoints.interval.seconds: \"5\"");
        Line(text, $"    sync.group.offsets.enabled: \"true\"");
        Line(text, $"    sync.group.offsets.interval.seconds: \"5\"");
        if (profile.Groups.Count > 0)
        {
            Line(text);
            Line(text, $"consumers:");
            foreach (var group in profile.Groups)
            {
                Line(text, $"  # committed {group.Committed:N0} of {group.End:N0} records, lag {group.Lag:N0}");
                Line(text, $"  - group: {Quote(group.Group)}");
                Line(text, $"    topics: [{string.Join(", ", group.Topics.Select(Quote))}]");
                Line(text, $"    progress: {Math.Round(group.Progress, 4).ToString("0.####", CultureInfo.InvariantCulture)}");
            }
        }

        Line(text);
        Line(text, $"expect:");
        Line(text, $"  duplicates: {{max: 0.1%}}");
        return text.ToString();
    }

    /// <summary>The volume class of a topic by its rate.</summary>
    public static TopicVolume VolumeOf(double rate) => rate >= HighVolume ? TopicVolume.High : rate >= MediumVolume ? TopicVolume.Medium : TopicVolume.Low;

    private static void WriteTopic(StringBuilder text, TopicProfile topic, string windowText)
    {
        Line(text, $"  - name: {Quote(topic.Name)}");
        Line(text, $"    partitions: {topic.Partitions}");
        if (topic.Records == 0)
        {
            Line(text, $"    # idle during the window: one record keeps the topic in the replay");
            Line(text, $"    rate: 1");
            Line(text, $"    records: 1");
        }
        else
        {
            Line(text, $"    # {Number(topic.Rate)} records/s, {topic.Records:N0} records in {windowText}");
            WriteRate(text, topic);
            Line(text, $"    duration: {windowText}");
        }

        if (topic.Size is { } size)
        {
            Line(text, $"    # sizes from {topic.Sampled:N0} sampled records");
            WriteSize(text, size);
        }
        else
        {
            Line(text, $"    # no record could be sampled: sizes and keys are the defaults");
        }

        if (topic.Sampled > 0)
        {
            Line(text, $"    # {topic.Keys.Summary}");
            Line(text, $"    keys: {Keys(topic.Keys.Distribution)}");
        }

        var headers = (int)Math.Min(100, Math.Round(topic.HeaderCount));
        if (headers > 0)
        {
            Line(text, $"    headers: {{count: {headers}, size: {(int)Math.Min(1024 * 1024, Math.Round(topic.HeaderSize))}}}");
        }

        Line(text, $"    volume: {VolumeOf(topic.Rate).ToString().ToLowerInvariant()}");
        if (topic.Configs.Count > 0)
        {
            Line(text, $"    configs:");
            foreach (var (key, value) in topic.Configs)
            {
                Line(text, $"      {key}: {Quote(value)}");
            }
        }
    }

    private static void WriteRate(StringBuilder text, TopicProfile topic)
    {
        var series = topic.PerSecond;
        var mean = series.Count > 0 ? series.Average() : 0;
        var deviation = series.Count > 1 ? Math.Sqrt(series.Sum(v => (v - mean) * (v - mean)) / (series.Count - 1)) : 0;
        if (series.Count < 2 || mean <= 0 || deviation <= SteadyVariation * mean || !series.Any(v => v > 0))
        {
            Line(text, $"    rate: {Number(Math.Max(topic.Rate, 0.001))}");
            return;
        }

        Line(text, $"    # the rate varied (standard deviation {Number(deviation)}/s): replayed second by second");
        Line(text, $"    rate:");
        Line(text, $"      shape: replay");
        var values = series.Select(v => Number(Math.Round(v, 1))).ToList();
        var lines = values.Chunk(ValuesPerLine).Select(chunk => string.Join(", ", chunk)).ToList();
        Line(text, $"      perSecond: [{lines[0]}{(lines.Count > 1 ? "," : "]")}");
        for (var i = 1; i < lines.Count; i++)
        {
            Line(text, $"        {lines[i]}{(i < lines.Count - 1 ? "," : "]")}");
        }
    }

    private static void WriteSize(StringBuilder text, SizeDistribution size)
    {
        switch (size)
        {
            case HistogramSize histogram:
                Line(text, $"    size:");
                Line(text, $"      dist: histogram");
                Line(text, $"      buckets:");
                foreach (var bucket in histogram.Buckets)
                {
                    Line(text, $"        - {{size: {bucket.Size}, weight: {Number(bucket.Weight)}}}");
                }

                break;
            default:
                Line(text, $"    size: {size.Min}");
                break;
        }
    }

    private static string Keys(KeyDistribution keys) => keys switch
    {
        UniformKeys uniform => $"{{dist: uniform, count: {uniform.Count}}}",
        ZipfKeys zipf => $"{{dist: zipf, count: {zipf.Count}, exponent: {Number(zipf.Exponent)}}}",
        SequentialKeys { Count: { } count } => $"{{dist: sequential, count: {count}}}",
        SequentialKeys => "sequential",
        _ => "none",
    };

    private static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "0.#" : "0.###", CultureInfo.InvariantCulture);

    private static string Count(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");

    private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');

    /// <summary>A YAML double-quoted scalar: names such as <c>null</c>, <c>true</c> or <c>1e3</c> stay text.</summary>
    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    private static void Line(StringBuilder text, FormattableString? line = null) =>
        text.Append(line?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append('\n');
}
