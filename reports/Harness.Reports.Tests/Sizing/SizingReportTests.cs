using System.Text.Json;
using Harness.Reports.Sizing;
using Harness.Reports.Tests.Html;

namespace Harness.Reports.Tests.Sizing;

public sealed class SizingReportTests
{
    [Test]
    public void Sizing_json_is_versioned_and_puts_the_knee_and_per_task_figures_where_the_issue_says()
    {
        using var stream = new MemoryStream();
        SizingJson.Write(SizingSamples.Report(), stream);

        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;
        root.GetProperty("schemaVersion").GetString().Should().Be("1.0");
        root.GetProperty("replicator").GetProperty("maxSustainableRecordsPerSecond").GetDouble().Should().Be(4000);
        root.GetProperty("replicator").GetProperty("perTask").GetProperty("recordsPerSecond").GetDouble().Should().Be(1000);
        root.GetProperty("replicator").GetProperty("perTask").GetProperty("megabytesPerSecond").GetDouble().Should().Be(0.38);
        root.GetProperty("curves")[1].GetProperty("levels")[2].GetProperty("latencyP99Ms").GetDouble().Should().Be(420);
    }

    [Test]
    public void Sizing_json_reads_back_equal_and_a_future_major_version_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("sizing-json-").FullName;
        try
        {
            var file = Path.Combine(folder, SizingJson.FileName);
            using (var stream = File.Create(file))
            {
                SizingJson.Write(SizingSamples.Report(), stream);
            }

            var read = SizingJson.Read(folder);
            read.Replicator.PerTask.Should().Be(SizingSamples.Report().Replicator.PerTask);
            read.Curves.Should().HaveCount(2);
            read.Curves[0].Levels.Select(l => l.Passed).Should().Equal(false, true, true, false);
            SizingJson.IsSizing(folder).Should().BeTrue();

            File.WriteAllText(file, File.ReadAllText(file).Replace("\"1.0\"", "\"2.0\"", StringComparison.Ordinal));
            var future = () => SizingJson.Read(file);
            future.Should().Throw<ReportFormatException>().WithMessage("*sizing schema 2.0 is not readable*");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Sizing_html_is_well_formed_self_contained_and_states_the_knees_the_slo_and_the_risks()
    {
        using var stream = new MemoryStream();
        new SizingHtmlWriter().Write(SizingSamples.Report(), stream);
        var html = System.Text.Encoding.UTF8.GetString(stream.ToArray());

        var page = Xhtml.Parse(html);
        page.ById("chart-capacity").Text().Should().Contain("knee at 1,000 records/s").And.Contain("knee at 4,000 records/s").And.Contain("SLO p99 2,000 ms");
        page.ById("levels-tasks-4").Text().Should().Contain("fail: lag grew");
        page.ById("classes-table").Text().Should().Contain("web.access-logs, nginx.access-logs");
        page.ById("brokers").Text().Should().Contain("kafka.m5.large (recommended)");
        page.ById("risks-list").Text().Should().Contain("cut-over window");
        html.Should().NotContain("http://").And.NotContain("src=");
    }

    [Test]
    public void Comparing_sizing_runs_flags_a_lower_knee_and_a_bigger_fleet()
    {
        var comparison = SizingComparison.Create([("before", SizingSamples.Report(1000)), ("after", SizingSamples.Report(800))], 0.1);

        comparison.Regressions.Select(r => r.Figure.Name).Should().Equal("knee records/s, tasks 1", "knee records/s, tasks 4", "per task records/s", "per task MB/s");
        using var text = new StringWriter();
        comparison.Write(text);
        text.ToString().Should().Contain("REGRESSED  knee records/s, tasks 1").And.Contain("-20.0%").And.Contain("ok         workers");

        SizingComparison.Create([("a", SizingSamples.Report()), ("b", SizingSamples.Report())], 0.1).Regressions.Should().BeEmpty();
    }
}
