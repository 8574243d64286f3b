namespace Harness.Reports.Compare;

/// <summary>A figure of one run that got worse than the baseline by more than the threshold.</summary>
/// <param name="Run">The run that regressed.</param>
/// <param name="Metric">The figure.</param>
/// <param name="Delta">The values and the change.</param>
public sealed record Regression(ComparedRun Run, ComparisonMetric Metric, MetricDelta Delta);
