using Harness.Reports.Model;

namespace Harness.Reports.Html.Sections;

/// <summary>Consumer group offset translation: where a switched-over consumer would resume, and what it then read.</summary>
internal sealed class OffsetTranslationSection : IHtmlSection
{
    /// <summary>Group partitions listed at most: those translated ahead or not at all first; results.json lists each.</summary>
    internal const int MaxRows = 200;

    private static readonly TableColumn[] Columns =
    [
        new("Group", RowHeader: true), new("Topic"), new("Partition", Numeric: true),
        new("Source committed", Numeric: true), new("Translated", Numeric: true), new("Exact"), new("Ahead"),
        new("Redelivery", Numeric: true),
    ];

    public void Render(RunResult result, HtmlOutput html)
    {
        Section.Open(html, "offsets", "Offset translation");
        var table = new HtmlTable(
            "offsets-table",
            "Committed offsets translated to the target (ahead means records would be skipped)",
            Columns,
            MaxRows);
        foreach (var row in result.OffsetTranslation)
        {
            table.Add(new TableRow(
                [
                    row.Group,
                    row.Topic,
                    TableCell.Count(row.Partition),
                    TableCell.Count(row.SourceCommitted),
                    row.Translated is { } t ? TableCell.Count(t) : new TableCell("none", "", "bad", Icons.Warning),
                    row.Exact ? "yes" : "no",
                    row.Ahead ? new TableCell("AHEAD", "1", "status fail", Icons.Fail) : new TableCell("no", "0"),
                    TableCell.Count(row.Redelivery),
                ],
                row.Ahead ? "row-fail" : null,
                $"{row.Group}/{row.Topic}/{row.Partition}",
                row.Ahead || row.Translated is null));
        }

        table.Render(html, "No consumer group offsets were translated.", "The checks count every partition, and results.json lists each.");
        SwitchoverTables.Render(result, html);
        Section.Close(html);
    }
}
