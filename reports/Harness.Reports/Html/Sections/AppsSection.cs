using System.Globalization;
using Harness.Reports.Model;

namespace Harness.Reports.Html.Sections;

/// <summary>
/// The cut-over: each step as it ran (times since the run started), then one row per live app with what it produced,
/// read, missed, re-read and saw out of order, and its producers' pause. Written only when the run had apps.
/// </summary>
internal sealed class AppsSection : IHtmlSection
{
    private static readonly TableColumn[] StepColumns =
    [
        new("Step", RowHeader: true), new("Trigger"), new("Start"), new("End"), new("As planned"), new("What happened"),
    ];

    private static readonly TableColumn[] AppColumns =
    [
        new("App", RowHeader: true), new("Group"), new("Consumers on"), new("Producers on"), new("Produced", Numeric: true),
        new("Consumed", Numeric: true), new("Missing", Numeric: true), new("Re-read", Numeric: true), new("Across the move", Numeric: true),
        new("Keys reordered", Numeric: true), new("Records reordered", Numeric: true), new("Pause (s)", Numeric: true), new("Max latency (ms)", Numeric: true),
        new("Offsets moved under the group", Numeric: true), new("Translated behind the end", Numeric: true),
    ];

    public void Render(RunResult result, HtmlOutput html)
    {
        if (result.Apps.Count == 0 && result.Cutover.Count == 0)
        {
            return;
        }

        Section.Open(html, "apps", "Cut-over and applications");
        var steps = new HtmlTable("cutover-table", "Cut-over steps (times since the run started)", StepColumns);
        foreach (var step in result.Cutover)
        {
            steps.Add(new TableRow(
                [
                    step.Action,
                    step.Trigger,
                    step.StartSeconds is { } start ? Format.Clock(start) : "",
                    step.EndSeconds is { } end ? Format.Clock(end) : "",
                    step.Completed ? "yes" : new TableCell("no", null, "bad", Icons.Fail),
                    step.Detail,
                ],
                step.Completed ? null : "row-fail",
                step.Action));
        }

        steps.Render(html, "No cut-over steps.");
        var apps = new HtmlTable("apps-table", "Live applications across the cut-over", AppColumns);
        foreach (var app in result.Apps)
        {
            var bad = app.Missing > 0 || app.KeysReordered > 0 || app.OffsetsMovedUnderGroup > 0 || app.TranslatedBehindEnd > 0;
            apps.Add(new TableRow(
                [
                    app.Name,
                    app.Group ?? "",
                    app.ConsumersOn ?? "",
                    app.ProducersOn ?? "",
                    TableCell.Count(app.Produced),
                    TableCell.Count(app.Consumed),
                    TableCell.Count(app.Missing, flagNonZero: true),
                    TableCell.Count(app.ReRead),
                    TableCell.Count(app.DuplicatesAcrossMove),
                    TableCell.Count(app.KeysReordered, flagNonZero: true),
                    TableCell.Count(app.Reordered, flagNonZero: true),
                    app.PauseSeconds.ToString("0.00", CultureInfo.InvariantCulture),
                    TableCell.Count(app.MaxLatencyMs),
                    app.OffsetsMovedUnderGroup is { } moved ? TableCell.Count(moved, flagNonZero: true) : "",
                    app.TranslatedBehindEnd is { } behind ? TableCell.Count(behind, flagNonZero: true) : "",
                ],
                bad ? "row-fail" : null,
                app.Name));
        }

        apps.Render(html, "No applications.");
        foreach (var app in result.Apps.Where(a => a.Examples.Count > 0))
        {
            html.Open("details", ("class", "app-examples"), ("data-key", app.Name));
            html.Element("summary", $"{app.Name}: examples");
            html.Element("pre", string.Join("\n", app.Examples));
            html.Close("details");
            html.Line();
        }

        Section.Close(html);
    }
}
