using System.Globalization;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Sizing;

/// <summary>
/// The shape of a profile: per topic its mean and peak rates, record size, retention and readers, and per volume
/// class its peak (the highest moment of its topics together, not the sum of their separate peaks).
/// </summary>
public sealed class ProfileShape
{
    private const int SizeSamples = 2000;
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private ProfileShape(IReadOnlyList<TopicShape> topics, IReadOnlyDictionary<string, (double Records, double Bytes)> classPeaks, (double Records, double Bytes) peak)
    {
        Topics = topics;
        ClassPeaks = classPeaks;
        PeakRecordsPerSecond = peak.Records;
        PeakBytesPerSecond = peak.Bytes;
    }

    /// <summary>The topics, in scenario order.</summary>
    public IReadOnlyList<TopicShape> Topics { get; }

    /// <summary>Peak records/s and bytes/s per volume class.</summary>
    public IReadOnlyDictionary<string, (double Records, double Bytes)> ClassPeaks { get; }

    /// <summary>The highest rate of all topics together, records/s.</summary>
    public double PeakRecordsPerSecond { get; }

    /// <summary>The highest rate of all topics together, bytes/s.</summary>
    public double PeakBytesPerSecond { get; }

    /// <summary>The mean rate of all topics together, records/s: the load levels' multiplier 1.</summary>
    public double MeanRecordsPerSecond => Topics.Sum(t => t.MeanRecordsPerSecond);

    /// <summary>Mean bytes per record over the mix, weighted by rate.</summary>
    public double MeanRecordBytes =>
        MeanRecordsPerSecond > 0 ? Topics.Sum(t => t.MeanRecordsPerSecond * t.MeanRecordBytes) / MeanRecordsPerSecond : 0;

    /// <summary>Builds the shape of <paramref name="scenario"/>, its rates multiplied by <paramref name="scale"/>.</summary>
    public static ProfileShape From(Scenario scenario, TimeSpan defaultRetention, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var seed = scenario.Seed ?? 1;
        var schedules = scenario.Topics.Select(t => t.CreateSchedule()).ToList();
        var end = schedules.Max(s => s?.End ?? TimeSpan.Zero);
        var topics = new List<TopicShape>();
        var series = new List<double[]>();
        var steps = Math.Max(1, (int)Math.Ceiling(end / Step));
        foreach (var (topic, schedule) in scenario.Topics.Zip(schedules))
        {
            var rates = new double[steps];
            if (schedule is not null)
            {
                for (var i = 0; i < steps; i++)
                {
                    var from = Step * i;
                    rates[i] = from < schedule.End ? schedule.Shape.RateAt(from) * scale : 0;
                }
            }

            var length = schedule?.End.TotalSeconds ?? 0;
            series.Add(rates);
            topics.Add(new TopicShape
            {
                Name = topic.Name,
                Class = topic.Volume?.ToString().ToLowerInvariant() ?? "other",
                Partitions = topic.Partitions,
                MeanRecordsPerSecond = length > 0 ? schedule!.Total / length * scale : 0,
                PeakRecordsPerSecond = rates.DefaultIfEmpty(0).Max(),
                MeanRecordBytes = MeanBytes(topic, seed),
                Retention = Retention(topic, defaultRetention),
                ConsumerGroups = Math.Max(1, scenario.Consumers.Count(c => c.Topics.Contains(topic.Name))),
            });
        }

        var classPeaks = topics.Select((t, i) => (t, i)).GroupBy(x => x.t.Class)
            .ToDictionary(g => g.Key, g => PeakOf([.. g.Select(x => (series[x.i], x.t.MeanRecordBytes))], steps), StringComparer.Ordinal);
        return new ProfileShape(topics, classPeaks, PeakOf([.. topics.Select((t, i) => (series[i], t.MeanRecordBytes))], steps));
    }

    private static (double Records, double Bytes) PeakOf(List<(double[] Rates, double Bytes)> members, int steps)
    {
        double records = 0, bytes = 0;
        for (var i = 0; i < steps; i++)
        {
            records = Math.Max(records, members.Sum(m => m.Rates[i]));
            bytes = Math.Max(bytes, members.Sum(m => m.Rates[i] * m.Bytes));
        }

        return (records, bytes);
    }

    private static double MeanBytes(TopicSpec topic, long seed)
    {
        var sampler = topic.CreateSampler(seed);
        double total = 0;
        for (var i = 0; i < SizeSamples; i++)
        {
            var record = sampler.Sample(i);
            total += record.ValueSize + (record.Key?.Length ?? 0) + (record.HeaderCount * (2L + record.HeaderSize));
        }

        return total / SizeSamples;
    }

    private static TimeSpan Retention(TopicSpec topic, TimeSpan fallback) =>
        topic.Configs.TryGetValue("retention.ms", out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : fallback;
}
