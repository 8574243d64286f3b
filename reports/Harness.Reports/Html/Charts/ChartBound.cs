namespace Harness.Reports.Html.Charts;

/// <summary>A service-level bound drawn across a chart as a horizontal line at its value.</summary>
/// <param name="Label">What the line is, for example "p99 bound".</param>
/// <param name="Value">The bound, in the chart's unit.</param>
/// <param name="Passed">Whether the run kept within it; a broken bound is drawn in the failure colour.</param>
internal sealed record ChartBound(string Label, double Value, bool Passed);
