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
    /// The figures <c>harness report compare</c> compares: throughput, latency p50, p95, p99 and max, checkpoint latency
    /// p99, peak lag in records and in time, duplicates, lost records, the replicator's crashes and metric gaps, the
    /// slowest recovery and the most duplicates after one fault, faults not recovered, service-level checks failed, and
    /// run duration (for context only).
    /// </summary>
    public static IReadOnlyList<ComparisonMetric> Standard { get; } =
    [
        new("throughput", "records/s", MetricDirection.HigherIsBetter, Throughput),
        new("latency p50", "ms", MetricDirection.LowerIsBetter, r => r.Latency?.P50Ms),
        new("latency p95", "ms", MetricDirection.LowerIsBetter, r => r.Latency?.P95Ms),
        new("latency p99", "ms", MetricDirection.LowerIsBetter, r => r.Latency?.P99Ms),
        new("latency max", "ms", MetricDirection.LowerIsBetter, r => r.Latency?.MaxMs),
        new("checkpoint latency p99", "ms", MetricDirection.LowerIsBetter, r => r.CheckpointLatency?.P99Ms),
        new("peak lag", "records", MetricDirection.LowerIsBetter, r => Peak(r, s => s.LagRecords)),
        new("peak lag time", "ms", MetricDirection.LowerIsBetter, r => Peak(r, s => s.LagMs)),
        new("duplicates", "records", MetricDirection.LowerIsBetter, r => r.Parity.Sum(p => p.Duplicated)),
        new("lost", "records", MetricDirection.LowerIsBetter, r => r.Parity.Sum(p => p.Lost)),
        new("replicator crashes", "exits", MetricDirection.LowerIsBetter, r => r.ReplicatorHealth?.Crashes),
        new("metric gaps", "gaps", MetricDirection.LowerIsBetter, r => r.ReplicatorHealth?.MetricGaps),
        new("slowest fault recovery", "s", MetricDirection.LowerIsBetter, r => r.Faults.Select(f => f.RecoverySeconds).Max()),
        new("faults not recovered", "faults", MetricDirection.LowerIsBetter, NotRecovered),
        new("most duplicates from one fault", "records", MetricDirection.LowerIsBetter, r => r.Faults.Select(f => (double?)f.Duplicates).Max()),
        new("service-level checks failed", "checks", MetricDirection.LowerIsBetter, ServiceLevelChecksFailed),
        new("duration", "s", MetricDirection.Informational, r => r.Duration.TotalSeconds),
    ];

    // Records the source acknowledged over the whole run, so a slower drain or a slower start both show up.
    private static double? Throughput(RunResult run) =>
        run.Parity.Count == 0 || run.Duration <= TimeSpan.Zero
            ? null
            : run.Parity.Sum(p => p.Produced) / run.Duration.TotalSeconds;

    // Scheduled faults carry their duplicates (watch incidents do not); one without a recovery time never recovered.
    private static double? NotRecovered(RunResult run) =>
        run.ReplicatorHealth is null ? null : run.Faults.Count(f => f.Duplicates is not null && f.EndSeconds is not null && f.RecoverySeconds is null);

    // The latency bounds, the replicator's health and each fault's recovery: the checks a 1.3 run adds.
    private static double? ServiceLevelChecksFailed(RunResult run)
    {
        if (run.ReplicatorHealth is null)
        {
            return null;
        }

        var bounded = run.ServiceLevels.Select(l => l.Check).ToHashSet(StringComparer.Ordinal);
        return run.Checks.Count(c => !c.Passed
            && (bounded.Contains(c.Name) || c.Name.StartsWith("replicator ", StringComparison.Ordinal) || c.Name.StartsWith("fault ", StringComparison.Ordinal)));
    }

    private static double? Peak(RunResult run, Func<MetricSample, double?> value) =>
        run.TimeSeries.Samples.Select(value).Where(v => v is { } x && double.IsFinite(x)).Max();
}
