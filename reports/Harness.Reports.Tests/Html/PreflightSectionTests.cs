using Harness.Reports.Html;

namespace Harness.Reports.Tests.Html;

/// <summary>The Pre-flight section: clusters with API gaps, config and ACL differences with MM2's notes, and the probes not allowed.</summary>
public sealed class PreflightSectionTests
{
    [Test]
    public void Preflight_findings_are_tables_with_gaps_and_denials_marked()
    {
        var page = Xhtml.Parse(new HtmlReportWriter().ToText(SampleRuns.Bare() with { Preflight = SampleRuns.Preflight() }));

        var clusters = page.ById("preflight-clusters").Descendants("tbody").Single().Elements("tr").ToList();
        clusters.Select(r => r.Elements().First().Value.Trim()).Should().Equal("source", "target");
        clusters[0].Elements().Select(c => c.Value.Trim()).Should().Equal(
            "source", "User:rehearsal", "3", "at least 3.0 (inferred from DescribeProducers)", "all 1 needed supported", "4 ACLs visible");
        clusters[1].Attribute("class")!.Value.Should().Contain("row-fail");
        clusters[1].Value.Should().Contain("CreatePartitions missing");
        page.ById("preflight-configs").Value.Should().Contain("min.insync.replicas").And.Contain("never synced");
        page.ById("preflight-acls").Value.Should().Contain("synced as ALLOW READ");
        var probes = page.ById("preflight-probes").Descendants("tbody").Single().Elements("tr").ToList();
        probes.Should().ContainSingle().Which.Value.Should().Contain("audit").And.Contain("denied");
        page.Descendants("nav").Single().Descendants("a").Select(a => a.Value).Should().Contain("Pre-flight");
    }

    [Test]
    public void A_run_that_ended_before_the_checks_has_no_preflight_section()
    {
        var page = Xhtml.Parse(new HtmlReportWriter().ToText(SampleRuns.Bare()));

        page.WithId("preflight").Should().BeEmpty();
        page.Descendants("nav").Single().Descendants("a").Select(a => a.Value).Should().NotContain("Pre-flight");
    }
}
