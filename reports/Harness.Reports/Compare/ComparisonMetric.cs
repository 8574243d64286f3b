using Harness.Reports.Model;

namespace Harness.Reports.Compare;

/// <summary>One figure compared between runs.</summary>
/// <param name="Name">The figure's name for people, for example "latency p99".</param>
/// <param name="Unit">The unit its values are in, for example "ms".</param>
/// <param name="Direction">Which way it gets better.</param>
/// <param name="Measure">Reads the figure from a run; null when the run did not measure it.</param>
public sealed record ComparisonMetric(
    string Name, string Unit, MetricDirection Direction, Func<RunResult, double?> Measure)
{
    /// <summary>
    /// The figures <c>harness report compare</c> compares: throughput, latency p50 and p99, peak lag in records and
    /// in time, duplicates, lost records, and run duration (for context only).
    /// </summary>
    public static IReadOnlyList<ComparisonMetric> Standard { get; } =
    [
        new("throughput", "records/s", MetricDirection.HigherIsBetter, Throughput),
        new("latency p50", "ms", MetricDirection.LowerIsBetter, r => r.Latency?.P50Ms),
        new("latency p99", "ms", MetricDirection.LowerIsBetter, r => r.Latency?.P99Ms),
        new("peak lag", "records", MetricDirection.LowerIsBetter, r => Peak(r, s => s.LagRecords)),
        new("peak lag time", "ms", MetricDirection.LowerIsBetter, r => Peak(r, s => s.LagMs)),
        new("duplicates", "records", MetricDirection.LowerIsBetter, r => r.Parity.Sum(p => p.Duplicated)),
        new("lost", "records", MetricDirection.LowerIsBetter, r => r.Parity.Sum(p => p.Lost)),
        new("duration", "s", MetricDirection.Informational, r => r.Duration.TotalSeconds),
    ];

    // Records the source acknowledged over the whole run, so a slower drain or a slower start both show up.
    private static double? Throughput(RunResult run) =>
        run.Parity.Count == 0 || run.Duration <= TimeSpan.Zero
            ? null
            : run.Parity.Sum(p => p.Produced) / run.Duration.TotalSeconds;

    private static double? Peak(RunResult run, Func<MetricSample, double?> value) =>
        run.TimeSeries.Samples.Select(value).Where(v => v is { } x && double.IsFinite(x)).Max();
}
