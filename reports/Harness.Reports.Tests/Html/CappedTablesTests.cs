using Harness.Reports.Html;
using Harness.Reports.Html.Sections;
using Harness.Reports.Model;

namespace Harness.Reports.Tests.Html;

/// <summary>
/// A run over thousands of partitions keeps a bounded page: per-partition tables list their cap of rows, those with
/// problems first, and count the rest, while the per-topic sums still cover every partition.
/// </summary>
public sealed class CappedTablesTests
{
    private readonly HtmlReportWriter _writer = new();

    [Test]
    public void Five_thousand_partitions_list_the_cap_with_the_lossy_ones_first_and_say_how_many_more()
    {
        var run = SampleRuns.Bare() with
        {
            Parity = [.. Enumerable.Range(0, 5000).Select(p => new PartitionParity
            {
                SourceTopic = "wide", TargetTopic = "wide", Partition = p, Produced = 10, Replicated = p % 1000 == 999 ? 9 : 10, Lost = p % 1000 == 999 ? 1 : 0,
            })],
        };

        var page = Xhtml.Parse(_writer.ToText(run));

        var rows = page.ById("parity-partitions").Element("tbody")!.Elements("tr").ToList();
        rows.Should().HaveCount(ParitySection.MaxPartitionRows);
        rows.Select(r => r.Attribute("data-key")!.Value).Should().Contain(["wide/999", "wide/1999", "wide/2999", "wide/3999", "wide/4999"]);
        page.ById("parity-partitions-more").Value.Should().StartWith("4,800 more rows not shown (0 of them with problems)");
        page.ById("parity-topics").Element("tbody")!.Element("tr")!.Elements().Select(c => c.Value).Skip(3).Take(3).Should().Equal("50,000", "49,995", "5");
    }

    [Test]
    public void A_table_within_its_cap_lists_every_row_and_no_count_line()
    {
        var page = Xhtml.Parse(_writer.ToText(SampleRuns.Failing()));

        page.Descendants().Where(e => e.Attribute("id")?.Value == "parity-partitions-more").Should().BeEmpty();
    }

    [Test]
    public void The_anomaly_examples_are_followed_by_each_class_total()
    {
        var run = SampleRuns.Bare() with
        {
            Parity =
            [
                new PartitionParity { SourceTopic = "t", TargetTopic = "t", Partition = 0, Produced = 5000, Replicated = 3000, Lost = 2000, Duplicated = 12_345 },
                new PartitionParity { SourceTopic = "t", TargetTopic = "t", Partition = 1, Produced = 10, Replicated = 10 },
            ],
            Anomalies = [new AnomalyExample { Class = AnomalyClass.Lost, Topic = "t", Partition = 0, Sequence = 7, Detail = "not found" }],
        };

        var page = Xhtml.Parse(_writer.ToText(run));

        page.ById("anomalies-totals").Value.Should().Be("Totals over every partition: Lost 2,000, Duplicated 12,345; 1 example listed above.");
    }
}
