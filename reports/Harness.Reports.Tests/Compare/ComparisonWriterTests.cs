using System.Text;
using Harness.Reports.Compare;
using Harness.Reports.Model;
using Harness.Reports.Tests.Html;

namespace Harness.Reports.Tests.Compare;

public sealed class ComparisonWriterTests
{
    [Test]
    public void Console_table_shows_every_figure_for_every_run_and_names_each_regression()
    {
        var comparison = RunComparison.Create(ComparisonRuns.Label(ComparisonRuns.Baseline(), ComparisonRuns.Regressed()));

        var lines = Text(comparison).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].Should().Be("Comparing 2 runs of smoke-faults against the baseline run-a; regression threshold 10%");
        lines[1].Should().MatchRegex(@"^metric\s+run-a \(baseline\)\s+run-b\s+change$");
        lines.Should().ContainMatch("latency p99 (ms)* 97.75 * 146.63 * +50.0% REGRESSION");
        lines.Should().ContainMatch("duplicates (records)* 3 * 10 * +233.3% REGRESSION");
        lines.Should().ContainMatch("lost (records)* 0 * 0 * +0.0%");
        lines.Should().Contain("REGRESSION run-b: latency p99 97.75 -> 146.63 ms (+50.0%, higher is worse)");
        lines.Should().Contain("REGRESSION run-b: duplicates 3 -> 10 records (+233.3%, higher is worse)");
        lines[^1].Should().Be("2 regressions beyond the 10% threshold");
    }

    [Test]
    public void Console_table_columns_line_up()
    {
        var comparison = RunComparison.Create(
            ComparisonRuns.Label(ComparisonRuns.Baseline(), ComparisonRuns.Regressed(), ComparisonRuns.Baseline()));

        var table = Text(comparison).Split('\n').Skip(2).TakeWhile(l => l.Length > 0).ToList();

        table.Should().HaveCount(1 + comparison.Rows.Count);
        table.Select(l => l.Length).Distinct().Should().ContainSingle("values are right-aligned to the same column ends");
    }

    [Test]
    public void Console_says_when_nothing_regressed()
    {
        var comparison = RunComparison.Create(ComparisonRuns.Label(ComparisonRuns.Baseline(), ComparisonRuns.Baseline()), 0.25);

        var text = Text(comparison);

        text.Should().NotContain("REGRESSION");
        text.TrimEnd().Should().EndWith("no regressions beyond the 25% threshold");
    }

    [Test]
    public void Html_page_is_self_contained_and_flags_regressions_with_words_and_icons()
    {
        var comparison = RunComparison.Create(ComparisonRuns.Label(ComparisonRuns.Baseline(), ComparisonRuns.Regressed()));

        var page = Xhtml.Parse(Html(comparison));

        page.ById("verdict").Element("strong")!.Value.Should().Be("REGRESSED");
        page.ById("verdict").Text().Should().Contain("2 regressions beyond the 10% threshold, against the baseline run-a.");
        page.Descendants("meta").Should().Contain(m => (string?)m.Attribute("http-equiv") == "Content-Security-Policy");
        page.Descendants().Where(e => e.Attribute("src") is not null).Should().BeEmpty();
        page.Descendants("link").Should().BeEmpty();

        var rows = page.ById("deltas-table").Element("tbody")!.Elements("tr").ToList();
        rows.Select(r => (string?)r.Attribute("data-key")).Should().Equal(comparison.Rows.Select(r => r.Metric.Name));
        var flagged = rows.SelectMany(r => r.Elements("td")).Where(c => ((string?)c.Attribute("class"))?.Contains("fail") == true).ToList();
        flagged.Select(c => c.Text()).Should().Equal("+50.0% REGRESSION", "+233.3% REGRESSION");
        flagged.Should().OnlyContain(c => c.Element("svg") != null);
        page.ById("regressions").Elements("li").Select(li => li.Text()).Should().Equal(
            "REGRESSION run-b: latency p99 97.75 -> 146.63 ms (+50.0%, higher is worse)",
            "REGRESSION run-b: duplicates 3 -> 10 records (+233.3%, higher is worse)");
        page.WithId("scenario-warning").Should().BeEmpty();
    }

    [Test]
    public void Html_page_without_regressions_says_so_and_warns_about_mixed_scenarios()
    {
        var other = ComparisonRuns.Baseline() with { Scenario = new ScenarioInfo { Name = "faults" } };
        var comparison = RunComparison.Create(ComparisonRuns.Label(ComparisonRuns.Baseline(), other));

        var page = Xhtml.Parse(Html(comparison));

        page.ById("verdict").Element("strong")!.Value.Should().Be("NO REGRESSIONS");
        page.ById("regressions").Value.Should().Be("No regressions beyond the 10% threshold.");
        page.ById("scenario-warning").Text().Should().Contain("smoke-faults, faults");
    }

    [Test]
    public void Html_page_links_each_run_report_relative_to_the_page()
    {
        var runs = ComparisonRuns.Label(ComparisonRuns.Baseline(), ComparisonRuns.Baseline());
        var root = Path.Combine(Path.GetTempPath(), "cmp");
        runs =
        [
            runs[0] with { ReportPath = Path.Combine(root, "runs", "a b", "report.html") },
            runs[1],
        ];
        var comparison = RunComparison.Create(runs);

        var page = Xhtml.Parse(Html(comparison, Path.Combine(root, "out")));

        var cells = page.ById("runs-table").Element("tbody")!.Elements("tr").Select(r => r.Elements("td").Last()).ToList();
        cells[0].Element("a")!.Attribute("href")!.Value.Should().Be("../runs/a%20b/report.html");
        cells[1].Value.Should().Be("none");
    }

    private static string Text(RunComparison comparison)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        ComparisonTextWriter.Write(comparison, writer);
        return writer.ToString();
    }

    private static string Html(RunComparison comparison, string? pageDirectory = null)
    {
        using var stream = new MemoryStream();
        new ComparisonHtmlWriter().Write(comparison, stream, pageDirectory);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
