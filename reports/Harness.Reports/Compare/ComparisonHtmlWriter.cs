using System.Text;
using Harness.Reports.Html;
using Harness.Reports.Html.Sections;
using Harness.Reports.Model;

namespace Harness.Reports.Compare;

/// <summary>
/// Writes compare.html: one self-contained page (no network, the same style and rules as report.html) with the
/// outcome, the runs compared and a table of every figure's change against the baseline. Regressions carry a word
/// and an icon as well as a colour. Stable ids: verdict, scenario-warning, runs-table, deltas-table, regressions.
/// </summary>
public sealed class ComparisonHtmlWriter
{
    /// <summary>The conventional file name.</summary>
    public const string FileName = "compare.html";

    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    /// <summary>Writes the page. The stream is left open.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="pageDirectory">
    /// The folder the page will be saved in, so links to each run's report.html can be relative; null for no links.
    /// </param>
    public void Write(RunComparison comparison, Stream output, string? pageDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(output);

        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        var html = new HtmlOutput(writer);
        var regressed = comparison.Regressions.Count > 0;
        var word = regressed ? "REGRESSED" : "NO REGRESSIONS";
        var scenarios = string.Join(", ", comparison.Scenarios);

        html.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n");
        html.Void("meta", ("charset", "utf-8"));
        html.Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"));
        html.Void("meta", ("http-equiv", "Content-Security-Policy"), ("content", ContentSecurityPolicy));
        html.Element("title", $"{word}: {scenarios} (run comparison)");
        html.Raw("\n<style>\n" + PageStyle.Css + "</style>\n</head>\n<body>\n");

        html.Open("header", ("id", "top"));
        html.Element("p", "Kafka migration rehearsal: run comparison", ("class", "eyebrow"));
        html.Element("h1", $"{scenarios}: {comparison.Runs.Count} runs", ("id", "comparison-name"));
        html.Line();
        html.Open("div", ("id", "verdict"), ("class", regressed ? "verdict verdict-failed" : "verdict verdict-passed"));
        html.Raw(regressed ? Icons.Fail : Icons.Pass);
        html.Element("span", "Comparison:", ("class", "verdict-label"));
        html.Element("strong", word, ("class", "verdict-text"));
        html.Element("span", $"{Capitalize(ComparisonText.Summary(comparison))}, against the baseline {comparison.Baseline.Label}.", ("class", "verdict-detail"));
        html.Close("div");
        html.Line();
        if (comparison.Scenarios.Count > 1)
        {
            html.Open("div", ("id", "scenario-warning"), ("class", "banner"), ("role", "note"));
            html.Raw(Icons.Warning);
            html.Element("p", $"The runs are of different scenarios ({scenarios}): their figures may not be comparable.");
            html.Close("div");
            html.Line();
        }

        html.Close("header");
        html.Raw("\n<main>\n");
        RenderRuns(comparison, html, pageDirectory);
        RenderDeltas(comparison, html);
        RenderRegressions(comparison, html);
        html.Raw("</main>\n");
        html.Open("footer");
        html.Element("p", $"Kafka Migration Harness run comparison; threshold {RegressionThreshold.Format(comparison.Threshold)}.");
        html.Close("footer");
        html.Raw("\n<script>//<![CDATA[\n" + PageScript.Js + "//]]></script>\n</body>\n</html>\n");
    }

    private static void RenderRuns(RunComparison comparison, HtmlOutput html, string? pageDirectory)
    {
        Section.Open(html, "runs", "Runs");
        var table = new HtmlTable(
            "runs-table",
            "The runs compared; the first is the baseline",
            [
                new("Run", RowHeader: true), new("Role"), new("Scenario"), new("Run id"), new("Started"), new("Verdict"),
                new("Duration", Numeric: true), new("Report"),
            ]);
        for (var i = 0; i < comparison.Runs.Count; i++)
        {
            var run = comparison.Runs[i];
            var result = run.Result;
            table.Add(new TableRow(
                [
                    run.Label,
                    i == 0 ? "baseline" : "compared",
                    result.Scenario.Name,
                    result.RunId,
                    Format.Utc(result.StartedUtc),
                    VerdictCell(result.Verdict),
                    new TableCell(Format.Duration(result.Duration), Format.SortKey(result.Duration.TotalSeconds)),
                    Link(run, pageDirectory),
                ],
                Key: run.Label));
        }

        table.Render(html, "No runs.");
        Section.Close(html);
    }

    private static void RenderDeltas(RunComparison comparison, HtmlOutput html)
    {
        Section.Open(html, "deltas", "Changes against the baseline");
        var runs = comparison.Runs;
        List<TableColumn> columns =
        [
            new("Figure", RowHeader: true), new("Unit"), new($"{runs[0].Label} (baseline)", Numeric: true),
            .. runs.Skip(1).SelectMany(run => new TableColumn[] { new(run.Label, Numeric: true), new($"Change {run.Label}", Numeric: true) }),
        ];
        var table = new HtmlTable(
            "deltas-table",
            $"Each figure against the baseline; a change worse than {RegressionThreshold.Format(comparison.Threshold)} is a regression",
            columns);
        foreach (var row in comparison.Rows)
        {
            List<TableCell> cells =
            [
                row.Metric.Name + Direction(row.Metric.Direction),
                row.Metric.Unit,
                ValueCell(row.Deltas[0].Value),
                .. row.Deltas.Skip(1).SelectMany(delta => new[] { ValueCell(delta.Value), ChangeCell(delta) }),
            ];
            table.Add(new TableRow(cells, row.Deltas.Any(d => d.IsRegression) ? "row-fail" : null, row.Metric.Name));
        }

        table.Render(html, "No figures were compared.");
        Section.Close(html);
    }

    private static void RenderRegressions(RunComparison comparison, HtmlOutput html)
    {
        Section.Open(html, "regressions-section", "Regressions");
        var regressions = comparison.Regressions;
        if (regressions.Count == 0)
        {
            html.Element("p", Capitalize(ComparisonText.Summary(comparison)) + ".", ("id", "regressions"), ("class", "empty"));
        }
        else
        {
            html.Open("ul", ("id", "regressions"));
            foreach (var regression in regressions)
            {
                html.Open("li", ("class", "status fail"), ("data-run", regression.Run.Label), ("data-metric", regression.Metric.Name));
                html.Raw(Icons.Fail);
                html.Text(ComparisonText.RegressionWord + " " + ComparisonText.Describe(regression));
                html.Close("li");
                html.Line();
            }

            html.Close("ul");
        }

        html.Line();
        Section.Close(html);
    }

    private static string Direction(MetricDirection direction) => direction switch
    {
        MetricDirection.HigherIsBetter => " (higher is better)",
        MetricDirection.LowerIsBetter => " (lower is better)",
        _ => " (for context)",
    };

    private static TableCell ValueCell(double? value) => new(ComparisonText.Value(value), Format.SortKey(value));

    private static TableCell ChangeCell(MetricDelta delta)
    {
        var text = (ComparisonText.Change(delta) + " " + ComparisonText.Status(delta)).TrimEnd();
        var sort = Format.SortKey(delta.Change);
        return delta.IsRegression ? new TableCell(text, sort, "status fail", Icons.Fail)
            : delta.IsImprovement ? new TableCell(text, sort, "status pass", Icons.Pass)
            : new TableCell(text, sort);
    }

    private static TableCell VerdictCell(Verdict verdict) => verdict switch
    {
        Verdict.Passed => new TableCell(VerdictText.Word(verdict), "0", "status pass", Icons.Pass),
        Verdict.Failed => new TableCell(VerdictText.Word(verdict), "2", "status fail", Icons.Fail),
        _ => new TableCell(VerdictText.Word(verdict), "1", "status", VerdictText.Icon(verdict)),
    };

    private static TableCell Link(ComparedRun run, string? pageDirectory) =>
        run.ReportPath is { } report && pageDirectory is not null
            ? new TableCell("", null, null, LinkHtml(Path.GetRelativePath(pageDirectory, report)))
            : new TableCell("none");

    // A table cell's text is always encoded, so the link goes in as trusted markup (the href is encoded here).
    private static string LinkHtml(string relativePath)
    {
        // Another drive (Windows) has no relative path: link the absolute file URL instead.
        var href = Path.IsPathRooted(relativePath)
            ? new Uri(relativePath).AbsoluteUri
            : string.Join('/', relativePath.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
        return $"<a href=\"{HtmlOutput.Encode(href)}\">report.html</a>";
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
