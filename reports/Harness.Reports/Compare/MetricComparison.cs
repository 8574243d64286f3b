namespace Harness.Reports.Compare;

/// <summary>One figure across every compared run.</summary>
/// <param name="Metric">The figure.</param>
/// <param name="Deltas">One delta per run, in run order; the first is the baseline against itself.</param>
public sealed record MetricComparison(ComparisonMetric Metric, IReadOnlyList<MetricDelta> Deltas);
