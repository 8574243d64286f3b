using System.Text;
using Harness.Reports.Model;

namespace Harness.Reports.Html.Sections;

/// <summary>
/// The Kafka Connect connectors of the run: each one's class, tasks and topics, and its states over time, with the head
/// of any FAILED trace. Written only when the replicator ran on Connect.
/// </summary>
internal sealed class ConnectorsSection : IHtmlSection
{
    private static readonly TableColumn[] Columns =
    [
        new("Connector", RowHeader: true), new("Role"), new("Class"), new("Tasks", Numeric: true), new("Topics"), new("States over time"),
    ];

    public void Render(RunResult result, HtmlOutput html)
    {
        if (result.Connectors.Count == 0)
        {
            return;
        }

        Section.Open(html, "connectors", "Connectors");
        var table = new HtmlTable("connectors-table", "Kafka Connect connectors and their states (times since the run started)", Columns);
        foreach (var connector in result.Connectors)
        {
            var failed = connector.States.Any(s => s.State == "FAILED" || s.Tasks.Contains("FAILED"));
            table.Add(new TableRow(
                [
                    connector.Name,
                    connector.Role,
                    ShortClass(connector.Class),
                    TableCell.Count(connector.TasksMax),
                    connector.Topics.Count == 0 ? "" : string.Join(", ", connector.Topics),
                    failed ? new TableCell(Timeline(connector), null, "bad", Icons.Fail) : Timeline(connector),
                ],
                failed ? "row-fail" : null,
                connector.Name));
        }

        table.Render(html, "No connectors.");
        foreach (var (connector, change) in result.Connectors.SelectMany(c => c.States.Where(s => s.Trace is not null).Select(s => (c, s))))
        {
            html.Open("details", ("class", "connector-trace"), ("data-key", connector.Name));
            html.Element("summary", $"{connector.Name} FAILED at {Format.Clock(change.AtSeconds)}");
            html.Element("pre", change.Trace);
            html.Close("details");
            html.Line();
        }

        Section.Close(html);
    }

    /// <summary>Each change as "m:ss STATE tasks", tasks summarised as counts per state.</summary>
    internal static string Timeline(ConnectorReport connector)
    {
        var text = new StringBuilder();
        foreach (var change in connector.States)
        {
            if (text.Length > 0)
            {
                text.Append(" → ");
            }

            text.Append(Format.Clock(change.AtSeconds)).Append(' ').Append(change.State);
            if (change.Tasks.Count > 0)
            {
                var counts = change.Tasks.GroupBy(t => t).Select(g => g.Key == change.State && change.Tasks.Count == g.Count() ? $"{g.Count()}" : $"{g.Count()} {g.Key}");
                text.Append(" (").Append(string.Join(", ", counts)).Append(change.Tasks.Count == 1 ? " task)" : " tasks)");
            }
        }

        return text.ToString();
    }

    private static string ShortClass(string connectorClass) =>
        connectorClass.LastIndexOf('.') is var dot and >= 0 ? connectorClass[(dot + 1)..] : connectorClass;
}
