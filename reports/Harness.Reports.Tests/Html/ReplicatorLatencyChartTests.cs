using System.Xml.Linq;
using Harness.Reports.Html;
using Harness.Reports.Model;

namespace Harness.Reports.Tests.Html;

/// <summary>The replicator's own latency figures join the charts when its metrics give them, and only then.</summary>
public sealed class ReplicatorLatencyChartTests
{
    private static RunResult Run(double? replicatorLatency, double? checkpointLatency) => SampleRuns.Bare() with
    {
        TimeSeries = new TimeSeries
        {
            Samples = [.. Enumerable.Range(0, 5).Select(i => new MetricSample
            {
                OffsetSeconds = i,
                LatencyP50Ms = 10,
                LatencyP99Ms = 40,
                ReplicatorLatencyMaxMs = replicatorLatency is { } r ? r + i : null,
                CheckpointLatencyMaxMs = checkpointLatency,
            })],
        },
    };

    private static IReadOnlyList<string> Legend(XDocument page, string chart) =>
        page.ById(chart).Descendants().Where(e => (string?)e.Attribute("class") == "legend").Descendants("text").Select(t => t.Value).ToList();

    [Test]
    public void The_replicators_latency_is_a_third_series_and_checkpoint_latency_a_chart_of_its_own()
    {
        var page = Xhtml.Parse(new HtmlReportWriter().ToText(Run(250, 4000)));

        Legend(page, "chart-latency").Should().Equal("p50", "p99", "replicator max");
        page.WithId("chart-checkpoint-latency").Should().ContainSingle();
    }

    [Test]
    public void Without_the_replicators_figures_the_latency_chart_keeps_the_harnesss_two()
    {
        var page = Xhtml.Parse(new HtmlReportWriter().ToText(Run(null, null)));

        Legend(page, "chart-latency").Should().Equal("p50", "p99");
        page.WithId("chart-checkpoint-latency").Should().BeEmpty();
    }
}
