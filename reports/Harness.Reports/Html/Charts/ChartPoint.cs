namespace Harness.Reports.Html.Charts;

/// <summary>A point of a chart series; a null <see cref="Y"/> is a gap in the line.</summary>
internal readonly record struct ChartPoint(double X, double? Y);
