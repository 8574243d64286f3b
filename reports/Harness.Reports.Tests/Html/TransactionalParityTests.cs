using Harness.Reports.Html;
using Harness.Reports.Model;

namespace Harness.Reports.Tests.Html;

/// <summary>Parity of a run with transactional load: aborted records get columns of their own, copied ones are flagged.</summary>
public sealed class TransactionalParityTests
{
    private readonly HtmlReportWriter _writer = new();

    [Test]
    public void A_transactional_run_shows_aborted_and_aborted_copied_columns_with_copies_flagged()
    {
        var run = SampleRuns.Bare() with
        {
            Parity =
            [
                new PartitionParity { SourceTopic = "t", TargetTopic = "t", Partition = 0, Produced = 80, Replicated = 80, Aborted = 20, AbortedCopied = 20 },
                new PartitionParity { SourceTopic = "t", TargetTopic = "t", Partition = 1, Produced = 90, Replicated = 90, Aborted = 10 },
            ],
            Anomalies = [new AnomalyExample { Class = AnomalyClass.AbortedCopied, Topic = "t", Partition = 0, Sequence = 7, TargetOffset = 7, Detail = "record of an aborted transaction" }],
        };

        var page = Xhtml.Parse(_writer.ToText(run));

        var topic = page.ById("parity-topics").Element("tbody")!.Element("tr")!.Elements().ToList();
        topic.Select(c => c.Value).TakeLast(2).Should().Equal("30", "20");
        topic[^1].Attribute("class")!.Value.Should().Contain("bad");
        page.ById("parity-partitions").Element("thead")!.Descendants("th").Select(h => h.Value).Should().EndWith(["Aborted", "Aborted copied"]);
        page.ById("parity-partitions").Element("tbody")!.Elements("tr").Last().Elements().Last().Value.Should().Be("0");
        page.ById("anomalies-table").Text().Should().ContainAll("AbortedCopied", "record of an aborted transaction");
    }

    [Test]
    public void A_run_without_transactions_keeps_its_columns()
    {
        var page = Xhtml.Parse(_writer.ToText(SampleRuns.Failing()));

        page.ById("parity-topics").Element("thead")!.Descendants("th").Select(h => h.Value).Should().NotContain("Aborted copied").And.Contain("Unexpected");
    }
}
