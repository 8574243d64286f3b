using Harness.Reports.Html;
using Harness.Reports.Model;

namespace Harness.Reports.Tests.Html;

/// <summary>The Connectors section: each connector, its class, tasks and states over time, and the head of a FAILED trace.</summary>
public sealed class ConnectorsSectionTests
{
    private static RunResult WithConnectors() => SampleRuns.Bare() with
    {
        Connectors =
        [
            new ConnectorReport
            {
                Name = "harness-r1-source-high", Class = "org.apache.kafka.connect.mirror.MirrorSourceConnector", Role = "source-high", TasksMax = 4,
                Topics = ["orders", "payments"],
                States =
                [
                    new ConnectorStateChange { AtSeconds = 2, State = "UNASSIGNED", Tasks = [] },
                    new ConnectorStateChange { AtSeconds = 3, State = "RUNNING", Tasks = ["RUNNING", "RUNNING", "RUNNING", "RUNNING"] },
                    new ConnectorStateChange { AtSeconds = 20, State = "PAUSED", Tasks = ["PAUSED", "PAUSED", "PAUSED", "PAUSED"] },
                    new ConnectorStateChange { AtSeconds = 25, State = "RUNNING", Tasks = ["RUNNING", "UNASSIGNED", "RUNNING", "RUNNING"] },
                ],
            },
            new ConnectorReport
            {
                Name = "harness-r1-checkpoint", Class = "org.apache.kafka.connect.mirror.MirrorCheckpointConnector", Role = "checkpoint", TasksMax = 1,
                States =
                [
                    new ConnectorStateChange { AtSeconds = 3, State = "RUNNING", Tasks = ["RUNNING"] },
                    new ConnectorStateChange { AtSeconds = 70, State = "RUNNING", Tasks = ["FAILED"], Trace = "java.lang.OutOfMemoryError: Java heap space\n\tat x" },
                ],
            },
        ],
    };

    [Test]
    public void Each_connector_is_a_row_with_its_class_tasks_topics_and_states_over_time()
    {
        var page = Xhtml.Parse(new HtmlReportWriter().ToText(WithConnectors()));

        var rows = page.ById("connectors-table").Descendants("tbody").Single().Elements("tr").ToList();
        rows.Should().HaveCount(2);
        rows[0].Elements().Select(c => c.Value.Trim()).Should().Equal(
            "harness-r1-source-high", "source-high", "MirrorSourceConnector", "4", "orders, payments",
            "0:02 UNASSIGNED → 0:03 RUNNING (4 tasks) → 0:20 PAUSED (4 tasks) → 0:25 RUNNING (3 RUNNING, 1 UNASSIGNED tasks)");
        rows[1].Attribute("class")!.Value.Should().Contain("row-fail");
        page.Descendants("nav").Single().Descendants("a").Select(a => a.Value).Should().Contain("Connectors");
    }

    [Test]
    public void A_failed_trace_is_shown_under_the_table()
    {
        var page = Xhtml.Parse(new HtmlReportWriter().ToText(WithConnectors()));

        var trace = page.ById("connectors").Descendants("details").Single();
        trace.Element("summary")!.Value.Should().Be("harness-r1-checkpoint FAILED at 1:10");
        trace.Element("pre")!.Value.Should().Be("java.lang.OutOfMemoryError: Java heap space\n\tat x");
    }

    [Test]
    public void A_run_without_connectors_has_no_connectors_section()
    {
        var page = Xhtml.Parse(new HtmlReportWriter().ToText(SampleRuns.Bare()));

        page.WithId("connectors").Should().BeEmpty();
        page.Descendants("nav").Single().Descendants("a").Select(a => a.Value).Should().NotContain("Connectors");
    }
}
