using Harness.Reports.Model;

namespace Harness.Reports.Html.Sections;

/// <summary>Example records for each anomaly found, so people can look them up in the clusters.</summary>
internal sealed class AnomaliesSection : IHtmlSection
{
    private static readonly TableColumn[] Columns =
    [
        new("Class"), new("Topic"), new("Partition", Numeric: true), new("Sequence", Numeric: true),
        new("Source offset", Numeric: true), new("Target offset", Numeric: true), new("Detail"),
    ];

    public void Render(RunResult result, HtmlOutput html)
    {
        Section.Open(html, "anomalies", "Anomaly examples");
        var table = new HtmlTable("anomalies-table", "Example records per anomaly class (a sample, not every record)", Columns);
        foreach (var anomaly in result.Anomalies)
        {
            table.Add(
                anomaly.Class.ToString(),
                anomaly.Topic,
                TableCell.Count(anomaly.Partition),
                TableCell.Count(anomaly.Sequence),
                TableCell.Count(anomaly.SourceOffset),
                TableCell.Count(anomaly.TargetOffset),
                anomaly.Detail);
        }

        table.Render(html, "No anomalies were found.");
        Section.Close(html);
    }
}
