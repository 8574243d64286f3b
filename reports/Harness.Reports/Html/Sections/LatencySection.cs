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
        if (result.CheckpointLatency is { } checkpoints)
        {
            var checkpointTable = new HtmlTable("checkpoint-latency-table", "From each consumer group partition's commit to the first checkpoint covering it",
                [.. Columns[..4], new TableColumn("Group partitions", Numeric: true)]);
            checkpointTable.Add(
                Milliseconds(checkpoints.P50Ms),
                Milliseconds(checkpoints.P95Ms),
                Milliseconds(checkpoints.P99Ms),
                Milliseconds(checkpoints.MaxMs),
                TableCell.Count(checkpoints.SampleCount));
            checkpointTable.Render(html, "No checkpoint covered a commit.");
        }

        Section.Close(html);
    }

    private static TableCell Milliseconds(double value) => new(Format.Milliseconds(value), Format.SortKey(value));
}
