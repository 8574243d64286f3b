using Harness.Reports.Model;

namespace Harness.Reports.Html.Sections;

/// <summary>Whole-run replication latency percentiles.</summary>
internal sealed class LatencySection : IHtmlSection
{
    private static readonly TableColumn[] Columns =
    [
        new("p50", Numeric: true), new("p95", Numeric: true), new("p99", Numeric: true), new("max", Numeric: true),
        new("Records measured", Numeric: true),
    ];

    public void Render(RunResult result, HtmlOutput html)
    {
        Section.Open(html, "latency", "Latency");
        var table = new HtmlTable("latency-table", "End-to-end replication latency over the whole run", Columns);
        if (result.Latency is { } latency)
        {
            table.Add(
                Milliseconds(latency.P50Ms),
                Milliseconds(latency.P95Ms),
                Milliseconds(latency.P99Ms),
                Milliseconds(latency.MaxMs),
                TableCell.Count(latency.SampleCount));
        }

        table.Render(html, "No latency was measured.");
        Section.Close(html);
    }

    private static TableCell Milliseconds(double value) => new(Format.Milliseconds(value), Format.SortKey(value));
}
