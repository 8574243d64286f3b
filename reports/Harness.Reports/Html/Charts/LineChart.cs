using System.Text;
using Harness.Reports.Model;

namespace Harness.Reports.Html.Charts;

/// <summary>
/// Renders one time-series chart as inline SVG on the server, so it shows without JavaScript, offline and in
/// print. The SVG carries a title and a description that states the figures (range, peaks, fault markers) for
/// screen readers. Fault markers are dashed vertical lines, labelled, with a shaded band while the fault lasted.
/// </summary>
internal sealed class LineChart(ChartDefinition definition, IReadOnlyList<FaultMarker> markers, double xMax)
{
    private const double Width = 760;
    private const double Height = 300;
    private const double Left = 64;
    private const double Right = 20;
    private const double Top = 34;
    private const double Bottom = 66;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;
    private const int MarkerLabelRows = 2;
    private const int MarkerLabelMaxLength = 28;

    // The scale reaches the bounds too: a bound far above the measured values still shows where it is.
    private readonly AxisScale _y = AxisScale.From(
        definition.Series.SelectMany(s => s.Values).Concat((definition.Bounds ?? []).Select(b => b.Value)).DefaultIfEmpty(0).Max(), 5, definition.Integer);

    private readonly AxisScale _x = AxisScale.ForSeconds(xMax, 8);

    public void Render(HtmlOutput html)
    {
        var titleId = definition.Id + "-title";
        var descId = definition.Id + "-desc";
        html.Open(
            "svg",
            ("class", "chart-svg"),
            ("viewBox", $"0 0 {C(Width)} {C(Height)}"),
            ("role", "img"),
            ("aria-labelledby", titleId),
            ("aria-describedby", descId));
        html.Element("title", definition.Title, ("id", titleId));
        html.Element("desc", Description(), ("id", descId));
        html.Line();
        RenderGrid(html);
        RenderMarkers(html);
        RenderSeries(html);
        RenderBounds(html);
        RenderLegend(html);
        html.Close("svg");
        html.Line();
    }

    private double X(double seconds) => Left + (Math.Clamp(seconds, 0, _x.Max) / _x.Max * PlotWidth);

    private double Y(double value) => Top + PlotHeight - (Math.Clamp(value, 0, _y.Max) / _y.Max * PlotHeight);

    private static string C(double value) => Format.Coordinate(value);

    private void RenderGrid(HtmlOutput html)
    {
        html.Open("g", ("class", "grid"), ("aria-hidden", "true"));
        foreach (var tick in _y.Ticks())
        {
            var y = C(Y(tick));
            html.Void("line", ("x1", C(Left)), ("x2", C(Left + PlotWidth)), ("y1", y), ("y2", y), ("stroke", "#e3e6ea"));
            html.Element("text", Format.Compact(tick), ("x", C(Left - 6)), ("y", y), ("text-anchor", "end"), ("dominant-baseline", "middle"));
        }

        var axisY = C(Top + PlotHeight);
        html.Void("line", ("x1", C(Left)), ("x2", C(Left + PlotWidth)), ("y1", axisY), ("y2", axisY), ("stroke", "#8c959f"));
        foreach (var tick in _x.Ticks())
        {
            var x = C(X(tick));
            html.Void("line", ("x1", x), ("x2", x), ("y1", axisY), ("y2", C(Top + PlotHeight + 4)), ("stroke", "#8c959f"));
            html.Element("text", Format.Clock(tick), ("x", x), ("y", C(Top + PlotHeight + 16)), ("text-anchor", "middle"));
        }

        html.Element("text", "time since start (m:ss)", ("x", C(Left + (PlotWidth / 2))), ("y", C(Top + PlotHeight + 32)), ("text-anchor", "middle"));
        html.Element("text", definition.Unit, ("x", C(Left)), ("y", "14"), ("text-anchor", "start"), ("class", "unit"));
        html.Close("g");
        html.Line();
    }

    private void RenderMarkers(HtmlOutput html)
    {
        if (markers.Count == 0)
        {
            return;
        }

        html.Open("g", ("class", "markers"));
        for (var i = 0; i < markers.Count; i++)
        {
            var marker = markers[i];
            var x = X(marker.OffsetSeconds);
            html.Open("g", ("class", "marker"), ("data-fault", marker.FaultId));
            html.Element("title", $"{marker.Label} at {Format.Clock(marker.OffsetSeconds)}{Recovery(marker)}");
            if (marker.EndOffsetSeconds is { } end && end > marker.OffsetSeconds)
            {
                html.Void("rect", ("x", C(x)), ("y", C(Top)), ("width", C(Math.Max(1, X(end) - x))), ("height", C(PlotHeight)),
                    ("fill", "#7b3294"), ("fill-opacity", "0.08"));
            }

            html.Void("line", ("x1", C(x)), ("x2", C(x)), ("y1", C(Top - 4)), ("y2", C(Top + PlotHeight)),
                ("stroke", "#7b3294"), ("stroke-width", "1.5"), ("stroke-dasharray", "4 3"));

            // The recovery is a bracket from the fault's end to when replication had recovered, at the top of the plot.
            if (marker.RecoverySeconds is { } recovery)
            {
                var from = marker.EndOffsetSeconds ?? marker.OffsetSeconds;
                var recoveryY = C(Top + 6);
                html.Open("g", ("class", "recovery"), ("data-recovery-seconds", Format.Decimal(recovery)));
                html.Void("line", ("x1", C(X(from))), ("x2", C(Math.Max(X(from + recovery), X(from) + 2))), ("y1", recoveryY), ("y2", recoveryY),
                    ("stroke", "#7b3294"), ("stroke-width", "3"));
                html.Element("text", $"recovered {Format.Decimal(recovery)} s", ("x", C(X(from + recovery) + 3)), ("y", C(Top + 9)), ("class", "recovery-label"));
                html.Close("g");
            }

            // Labels alternate between two rows so neighbouring markers overlap less; the full text is in <title>.
            var nearRightEdge = x > Left + (PlotWidth * 0.75);
            html.Element(
                "text",
                Shorten(marker.Label),
                ("x", C(nearRightEdge ? x - 3 : x + 3)),
                ("y", C(Top - 8 - ((i % MarkerLabelRows) * 12))),
                ("text-anchor", nearRightEdge ? "end" : "start"),
                ("class", "marker-label"));
            html.Close("g");
        }

        html.Close("g");
        html.Line();
    }

    private void RenderBounds(HtmlOutput html)
    {
        if (definition.Bounds is not { Count: > 0 } bounds)
        {
            return;
        }

        html.Open("g", ("class", "bounds"));
        foreach (var bound in bounds)
        {
            var y = C(Y(bound.Value));
            var colour = bound.Passed ? "#1a7f37" : "#cf222e";
            html.Open("g", ("class", "bound"), ("data-bound", bound.Label), ("data-passed", bound.Passed ? "true" : "false"));
            html.Element("title", $"{bound.Label}: {Format.Decimal(bound.Value)} {definition.Unit}{(bound.Passed ? "" : " (exceeded)")}");
            html.Void("line", ("x1", C(Left)), ("x2", C(Left + PlotWidth)), ("y1", y), ("y2", y),
                ("stroke", colour), ("stroke-width", "1.5"), ("stroke-dasharray", "8 4"));
            // The word says what the colour says, for readers who cannot tell green from red.
            html.Element("text", bound.Passed ? bound.Label : bound.Label + " (exceeded)", ("x", C(Left + PlotWidth - 3)), ("y", C(Y(bound.Value) - 4)), ("text-anchor", "end"), ("fill", colour),
                ("class", "bound-label"));
            html.Close("g");
        }

        html.Close("g");
        html.Line();
    }

    private void RenderSeries(HtmlOutput html)
    {
        html.Open("g", ("class", "series"), ("aria-hidden", "true"));
        for (var i = 0; i < definition.Series.Count; i++)
        {
            var points = Downsampler.MinMax(definition.Series[i].Points, (int)PlotWidth, _x.Max);
            var path = PathData(points);
            if (path.Length == 0)
            {
                continue;
            }

            html.Void(
                "path",
                ("d", path),
                ("fill", "none"),
                ("stroke", SeriesStyle.Colour(i)),
                ("stroke-width", "2"),
                ("stroke-dasharray", SeriesStyle.Dash(i)),
                ("stroke-linejoin", "round"),
                ("stroke-linecap", "round"),
                ("data-series", definition.Series[i].Name));
        }

        html.Close("g");
        html.Line();
    }

    private string PathData(IReadOnlyList<ChartPoint> points)
    {
        var path = new StringBuilder();
        double? previousY = null;
        foreach (var point in points)
        {
            if (point.Y is not { } value || !double.IsFinite(value))
            {
                previousY = null;
                continue;
            }

            var x = C(X(point.X));
            var y = Y(value);
            if (previousY is null)
            {
                // "h0" makes a lone point visible as a dot through the round line cap.
                path.Append('M').Append(x).Append(' ').Append(C(y)).Append("h0");
            }
            else
            {
                if (definition.Step)
                {
                    path.Append('L').Append(x).Append(' ').Append(C(previousY.Value));
                }

                path.Append('L').Append(x).Append(' ').Append(C(y));
            }

            previousY = y;
        }

        return path.ToString();
    }

    private void RenderLegend(HtmlOutput html)
    {
        html.Open("g", ("class", "legend"));
        var x = Left;
        var y = Height - 12;
        for (var i = 0; i < definition.Series.Count; i++)
        {
            var series = definition.Series[i];
            var label = series.HasData ? series.Name : series.Name + " (no data)";
            html.Void("line", ("x1", C(x)), ("x2", C(x + 26)), ("y1", C(y - 4)), ("y2", C(y - 4)),
                ("stroke", SeriesStyle.Colour(i)), ("stroke-width", "2.5"), ("stroke-dasharray", SeriesStyle.Dash(i)));
            html.Element("text", label, ("x", C(x + 32)), ("y", C(y)));

            // Without layout measurement a generous width per character keeps legend entries apart.
            x += 32 + (label.Length * 6.5) + 22;
        }

        if (markers.Count > 0)
        {
            html.Void("line", ("x1", C(x)), ("x2", C(x)), ("y1", C(y - 11)), ("y2", C(y + 2)),
                ("stroke", "#7b3294"), ("stroke-width", "1.5"), ("stroke-dasharray", "4 3"));
            html.Element("text", "fault", ("x", C(x + 6)), ("y", C(y)));
        }

        html.Close("g");
        html.Line();
    }

    private string Description()
    {
        var text = new StringBuilder();
        text.Append(definition.Title).Append(", in ").Append(definition.Unit)
            .Append(", from 0:00 to ").Append(Format.Clock(xMax)).Append(". ");
        foreach (var series in definition.Series)
        {
            var values = series.Values.ToList();
            if (values.Count == 0)
            {
                text.Append(series.Name).Append(": no data. ");
                continue;
            }

            text.Append(series.Name)
                .Append(": min ").Append(Format.Decimal(values.Min()))
                .Append(", max ").Append(Format.Decimal(values.Max()))
                .Append(", last ").Append(Format.Decimal(values[^1])).Append(". ");
        }

        foreach (var marker in markers)
        {
            text.Append("Marker ").Append(marker.Label).Append(" at ").Append(Format.Clock(marker.OffsetSeconds));
            if (marker.EndOffsetSeconds is { } end)
            {
                text.Append(" until ").Append(Format.Clock(end));
            }

            text.Append(Recovery(marker)).Append(". ");
        }

        foreach (var bound in definition.Bounds ?? [])
        {
            text.Append(bound.Label).Append(' ').Append(Format.Decimal(bound.Value)).Append(' ').Append(definition.Unit)
                .Append(bound.Passed ? ", kept" : ", exceeded").Append(". ");
        }

        return text.ToString().TrimEnd();
    }

    private static string Recovery(FaultMarker marker) =>
        marker.RecoverySeconds is { } recovery ? $", replication recovered {Format.Decimal(recovery)} s after its end" : "";

    private static string Shorten(string label) =>
        label.Length <= MarkerLabelMaxLength ? label : label[..(MarkerLabelMaxLength - 1)] + "\u2026";
}
