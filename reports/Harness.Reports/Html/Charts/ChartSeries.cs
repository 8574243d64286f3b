namespace Harness.Reports.Html.Charts;

/// <summary>One line of a chart.</summary>
/// <param name="Name">The legend text.</param>
/// <param name="Points">The points, in X order.</param>
internal sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points)
{
    public IEnumerable<double> Values => Points.Where(p => p.Y is { } y && double.IsFinite(y)).Select(p => p.Y!.Value);

    public bool HasData => Values.Any();
}
