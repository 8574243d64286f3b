namespace Harness.Reports.Html.Charts;

/// <summary>What one chart shows.</summary>
/// <param name="Id">The figure's stable id, for example "chart-rates".</param>
/// <param name="Title">The chart title, also its accessible name.</param>
/// <param name="Unit">The vertical axis unit, for example "records/s".</param>
/// <param name="Series">The lines, at most three (one line style each).</param>
/// <param name="Step">Draw as steps: the value holds until the next sample (counts of brokers up).</param>
/// <param name="Integer">Vertical axis ticks are whole numbers.</param>
/// <param name="Bounds">Service-level bounds drawn as horizontal lines; none when null.</param>
internal sealed record ChartDefinition(
    string Id, string Title, string Unit, IReadOnlyList<ChartSeries> Series, bool Step = false, bool Integer = false,
    IReadOnlyList<ChartBound>? Bounds = null);
