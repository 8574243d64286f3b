using Harness.Reports.Html;
using Harness.Reports.Model;

namespace Harness.Reports.Tests.Html;

/// <summary>The cut-over section: the steps as they ran, one row per app, and examples of what went wrong.</summary>
public sealed class AppsSectionTests
{
    private static RunResult WithApps() => SampleRuns.Bare() with
    {
        Cutover =
        [
            new CutoverStepReport { Action = "moveConsumers [billing] start translated", Trigger = "after 2s", StartSeconds = 5, EndSeconds = 6, Completed = true, Detail = "billing: on the target" },
            new CutoverStepReport { Action = "moveProducers [svc] hot", Trigger = "after 9s", StartSeconds = 10, EndSeconds = 10.5, Completed = true, Detail = "switched at once" },
            new CutoverStepReport { Action = "stopReplicator", Trigger = "at once", Detail = "not reached" },
        ],
        Apps =
        [
            new AppReport { Name = "svc", ProducersOn = "target", Produced = 3200, ProducedOnTarget = 1358 },
            new AppReport
            {
                Name = "billing", Group = "billing", ConsumersOn = "target", Consumed = 3453, ConsumedOnTarget = 2793, ReRead = 253, DuplicatesAcrossMove = 253,
                Reordered = 424, KeysReordered = 20, MaxLatencyMs = 6017, OffsetsMovedUnderGroup = 0, TranslatedBehindEnd = 39, Examples = ["orders key svc-18: sequence 70 read after 130 (orders/1@877)"],
            },
        ],
    };

    [Test]
    public void Each_step_and_each_app_is_a_row_and_a_reordering_app_is_flagged()
    {
        var page = Xhtml.Parse(new HtmlReportWriter().ToText(WithApps()));

        var steps = page.ById("cutover-table").Descendants("tbody").Single().Elements("tr").ToList();
        steps.Should().HaveCount(3);
        steps[2].Attribute("class")!.Value.Should().Contain("row-fail");
        var apps = page.ById("apps-table").Descendants("tbody").Single().Elements("tr").ToList();
        apps[1].Elements().Select(c => c.Value.Trim()).Should().Equal(
            "billing", "billing", "target", "", "0", "3,453", "0", "253", "253", "20", "424", "0.00", "6,017", "0", "39");
        apps[0].Elements().Select(c => c.Value.Trim()).TakeLast(2).Should().Equal(["", ""], "an app whose consumers never moved has neither target-side measure");
        apps[1].Attribute("class")!.Value.Should().Contain("row-fail");
        page.ById("apps").Descendants("details").Single().Element("pre")!.Value.Should().Contain("sequence 70 read after 130");
    }

    [Test]
    public void A_run_without_apps_has_no_cutover_section() =>
        Xhtml.Parse(new HtmlReportWriter().ToText(SampleRuns.Bare())).WithId("apps").Should().BeEmpty();
}
