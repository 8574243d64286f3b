namespace Harness.Reports.Compare;

/// <summary>
/// Two or more runs compared figure by figure against the first (the baseline), as nightly CI does to catch a
/// replicator or harness change that made things slower or less exact.
/// </summary>
public sealed record RunComparison
{
    /// <summary>The default tolerated relative change: 10 %.</summary>
    public const double DefaultThreshold = 0.10;

    /// <summary>The runs in the order given; the first is the baseline.</summary>
    public required IReadOnlyList<ComparedRun> Runs { get; init; }

    /// <summary>The tolerated relative change, for example 0.1 for 10 %.</summary>
    public required double Threshold { get; init; }

    /// <summary>One row per figure.</summary>
    public required IReadOnlyList<MetricComparison> Rows { get; init; }

    /// <summary>The baseline run.</summary>
    public ComparedRun Baseline => Runs[0];

    /// <summary>Every figure of every run that got worse than the baseline by more than the threshold.</summary>
    public IReadOnlyList<Regression> Regressions =>
    [
        .. Rows.SelectMany(row => row.Deltas
            .Select((delta, index) => (delta, index))
            .Where(d => d.delta.IsRegression)
            .Select(d => new Regression(Runs[d.index], row.Metric, d.delta))),
    ];

    /// <summary>The scenario names of the runs, without repeats: more than one means the runs may not be comparable.</summary>
    public IReadOnlyList<string> Scenarios => [.. Runs.Select(r => r.Result.Scenario.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>Compares runs against the first.</summary>
    /// <param name="runs">At least two runs; the first is the baseline.</param>
    /// <param name="threshold">The tolerated relative change (0 or more), for example 0.1 for 10 %.</param>
    /// <param name="metrics">The figures to compare; <see cref="ComparisonMetric.Standard"/> when null.</param>
    /// <returns>The comparison.</returns>
    public static RunComparison Create(
        IReadOnlyList<ComparedRun> runs, double threshold = DefaultThreshold, IReadOnlyList<ComparisonMetric>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count < 2)
        {
            throw new ArgumentException("A comparison needs at least two runs.", nameof(runs));
        }

        if (!double.IsFinite(threshold) || threshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be 0 or more.");
        }

        var rows = (metrics ?? ComparisonMetric.Standard).Select(metric =>
        {
            var baseline = metric.Measure(runs[0].Result);
            return new MetricComparison(
                metric,
                [.. runs.Select(run => MetricDelta.Of(baseline, metric.Measure(run.Result), metric.Direction, threshold))]);
        });
        return new RunComparison { Runs = runs, Threshold = threshold, Rows = [.. rows] };
    }
}
