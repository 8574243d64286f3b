using System.Globalization;
using Harness.Reports.Model;

namespace Harness.Reports.Html.Sections;

/// <summary>
/// Example records for each anomaly found, so people can look them up in the clusters. The verifier keeps a few
/// examples per class however many records a class has, so a line under them gives each class's total.
/// </summary>
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
        var totals = Totals(result.Parity).Where(t => t.Count > 0).ToList();
        if (result.Anomalies.Count > 0 && totals.Count > 0)
        {
            html.Element("p",
                "Totals over every partition: " + string.Join(", ", totals.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Class} {t.Count:N0}"))) +
                string.Create(CultureInfo.InvariantCulture, $"; {result.Anomalies.Count:N0} example{(result.Anomalies.Count == 1 ? "" : "s")} listed above."),
                ("id", "anomalies-totals"));
            html.Line();
        }

        Section.Close(html);
    }

    private static IEnumerable<(AnomalyClass Class, long Count)> Totals(IReadOnlyList<PartitionParity> parity) =>
    [
        (AnomalyClass.Lost, parity.Sum(p => p.Lost)),
        (AnomalyClass.Duplicated, parity.Sum(p => p.Duplicated)),
        (AnomalyClass.Reordered, parity.Sum(p => p.Reordered)),
        (AnomalyClass.Corrupted, parity.Sum(p => p.Corrupted)),
        (AnomalyClass.Misrouted, parity.Sum(p => p.Misrouted)),
        (AnomalyClass.Unexpected, parity.Sum(p => p.Unexpected)),
        (AnomalyClass.AbortedCopied, parity.Sum(p => p.AbortedCopied)),
        (AnomalyClass.KeyLost, parity.Sum(p => p.KeysLost)),
        (AnomalyClass.StaleKey, parity.Sum(p => p.StaleKeys)),
        (AnomalyClass.KeyReordered, parity.Sum(p => p.KeysReordered)),
    ];
}
