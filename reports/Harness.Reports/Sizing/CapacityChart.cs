using System.Globalization;
using Harness.Reports.Html;
using Harness.Reports.Html.Charts;

namespace Harness.Reports.Sizing;

/// <summary>
/// The capacity curve as inline SVG: replication latency p99 against the offered rate of each level, one line per
/// replicator setting (past the knee the replicate rate stays flat while latency climbs, so the offered rate is the
/// axis that shows the bend), the SLO as a dashed horizontal line and each knee as a ringed point. Drawn on the server, so
/// it shows without JavaScript, offline and in print; the description states the knees for screen readers.
/// </summary>
internal sealed class CapacityChart(SizingReport report)
{
    private const double Width = 760;
    private const double Height = 320;
    private const double Left = 70;
    private const double Right = 20;
    private const double Top = 20;
    private const double Bottom = 56;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;

    public void Render(HtmlOutput html)
    {
        var points = report.Curves.SelectMany(c => c.Levels).Where(l => l.LatencyP99Ms is not null).ToList();
        var x = AxisScale.From(points.Select(p => p.OfferedRecordsPerSecond).DefaultIfEmpty(1).Max(), 6, integer: true);
        // Latency of an overloaded level can be minutes; the axis stops at a few times the SLO so the knee stays readable.
        var yCap = report.SloP99Ms * 4;
        var y = AxisScale.From(Math.Min(yCap, points.Select(p => p.LatencyP99Ms!.Value).DefaultIfEmpty(report.SloP99Ms).Max()) * 1.05, 5, integer: true);
        double X(double v) => Left + (Math.Min(v, x.Max) / x.Max * PlotWidth);
        double Y(double v) => Top + PlotHeight - (Math.Min(v, y.Max) / y.Max * PlotHeight);

        html.Open("figure", ("class", "chart"), ("id", "chart-capacity"));
        html.Open("svg", ("class", "chart-svg"), ("viewBox", $"0 0 {C(Width)} {C(Height)}"), ("role", "img"), ("aria-labelledby", "chart-capacity-title"), ("aria-describedby", "chart-capacity-desc"));
        html.Element("title", "Capacity curve: replication latency p99 against offered rate", ("id", "chart-capacity-title"));
        html.Element("desc", Describe(), ("id", "chart-capacity-desc"));
        foreach (var tick in y.Ticks())
        {
            html.Void("line", ("x1", C(Left)), ("x2", C(Width - Right)), ("y1", C(Y(tick))), ("y2", C(Y(tick))), ("stroke", "#d0d7de"), ("stroke-width", "1"));
            html.Element("text", Format.Compact(tick), ("x", C(Left - 6)), ("y", C(Y(tick) + 4)), ("text-anchor", "end"));
        }

        foreach (var tick in x.Ticks())
        {
            html.Element("text", Format.Compact(tick), ("x", C(X(tick))), ("y", C(Top + PlotHeight + 16)), ("text-anchor", "middle"));
        }

        html.Element("text", "offered records/s", ("class", "unit"), ("x", C(Left + (PlotWidth / 2))), ("y", C(Height - 8)), ("text-anchor", "middle"));
        html.Element("text", "p99 ms", ("class", "unit"), ("x", "4"), ("y", C(Top - 6)));
        html.Void("line", ("class", "slo"), ("x1", C(Left)), ("x2", C(Width - Right)), ("y1", C(Y(report.SloP99Ms))), ("y2", C(Y(report.SloP99Ms))), ("stroke", "#cf222e"), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4"));
        html.Element("text", $"SLO p99 {Format.Count((long)Math.Round(report.SloP99Ms))} ms", ("class", "marker-label"), ("x", C(Width - Right - 4)), ("y", C(Y(report.SloP99Ms) - 4)), ("text-anchor", "end"));
        for (var i = 0; i < report.Curves.Count; i++)
        {
            var curve = report.Curves[i];
            var colour = SeriesStyle.Colour(i);
            var levels = curve.Levels.Where(l => l.LatencyP99Ms is not null).OrderBy(l => l.OfferedRecordsPerSecond).ToList();
            if (levels.Count > 1)
            {
                html.Void("polyline", ("class", "curve"), ("fill", "none"), ("stroke", colour), ("stroke-width", "2"), ("stroke-dasharray", SeriesStyle.Dash(i)),
                    ("points", string.Join(' ', levels.Select(l => $"{C(X(l.OfferedRecordsPerSecond))},{C(Y(l.LatencyP99Ms!.Value))}"))));
            }

            foreach (var level in levels)
            {
                html.Void("circle", ("class", level.Passed ? "level pass" : "level fail"), ("cx", C(X(level.OfferedRecordsPerSecond))), ("cy", C(Y(level.LatencyP99Ms!.Value))), ("r", "3.5"), ("fill", level.Passed ? colour : "#ffffff"), ("stroke", colour), ("stroke-width", "1.5"));
            }

            if (curve.KneeRecordsPerSecond is { } knee && levels.FirstOrDefault(l => l.Passed && l.ReplicateRecordsPerSecond == knee) is { } kneeLevel)
            {
                var at = X(kneeLevel.OfferedRecordsPerSecond);
                html.Void("circle", ("class", "knee"), ("cx", C(at)), ("cy", C(Y(kneeLevel.LatencyP99Ms!.Value))), ("r", "8"), ("fill", "none"), ("stroke", colour), ("stroke-width", "2"));
                html.Element("text", $"knee, {curve.Tasks} task{(curve.Tasks == 1 ? "" : "s")}: {Format.Count((long)Math.Round(knee))}/s", ("class", "marker-label"), ("x", C(at - 10)), ("y", C(Y(kneeLevel.LatencyP99Ms!.Value) - 12 - (i * 13))), ("text-anchor", "end"));
            }
        }

        html.Close("svg");
        html.Open("figcaption");
        html.Text("Filled points held the SLO with bounded lag; hollow points did not. Legend: ");
        html.Text(string.Join("; ", report.Curves.Select((c, i) => $"{Style(i)}: {c.Tasks} task{(c.Tasks == 1 ? "" : "s")}")));
        html.Close("figcaption");
        html.Close("figure");
        html.Line();
    }

    private string Describe() =>
        string.Join(" ", report.Curves.Select(c => c.KneeRecordsPerSecond is { } k
            ? $"{c.Tasks} tasks: {c.Levels.Count} levels, knee at {Format.Count((long)Math.Round(k))} records/s."
            : $"{c.Tasks} tasks: {c.Levels.Count} levels, no level held the SLO."))
        + $" SLO p99 {Format.Count((long)Math.Round(report.SloP99Ms))} ms.";

    // Named as SeriesStyle draws them, so the legend needs no colour vision.
    private static string Style(int index) => (index % 3) switch { 0 => "blue solid line", 1 => "orange dashed line", _ => "green dotted line" };

    private static string C(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
