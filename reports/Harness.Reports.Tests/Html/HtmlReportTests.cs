using Harness.Reports.Html;
using Harness.Reports.Model;

namespace Harness.Reports.Tests.Html;

public sealed class HtmlReportTests
{
    private static readonly string[] SectionIds =
    [
        "verdict", "summary", "environment", "toc", "checks", "parity", "latency", "offsets", "charts", "faults",
        "anomalies", "scenario", "chart-rates", "chart-lag-records", "chart-lag-ms", "chart-latency", "chart-memory",
        "chart-brokers",
    ];

    private readonly HtmlReportWriter _writer = new();

    [Test]
    public void Is_well_formed_with_a_stable_id_for_every_section_and_chart()
    {
        foreach (var run in new[] { SampleRuns.Failing(), SampleRuns.Bare() })
        {
            var page = Xhtml.Parse(_writer.ToText(run));

            foreach (var id in SectionIds)
            {
                page.WithId(id).Should().ContainSingle(because: $"#{id} must exist once in the {run.RunId} report");
            }

            page.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().Should().OnlyHaveUniqueItems();
        }
    }

    [TestCase(Verdict.Passed, "PASSED")]
    [TestCase(Verdict.Failed, "FAILED")]
    [TestCase(Verdict.Partial, "PARTIAL")]
    [TestCase(Verdict.Error, "ERROR")]
    public void Verdict_is_shown_as_a_word_with_an_icon(Verdict verdict, string word)
    {
        var page = Xhtml.Parse(_writer.ToText(SampleRuns.Failing() with { Verdict = verdict }));

        var banner = page.ById("verdict");
        banner.Element("strong")!.Value.Should().Be(word);
        banner.Element("svg")!.Attribute("aria-hidden")!.Value.Should().Be("true");
        page.Descendants("title").First().Value.Should().StartWith(word + ": smoke-faults");
    }

    [Test]
    public void Top_shows_scenario_duration_environment_and_versions()
    {
        var page = Xhtml.Parse(_writer.ToText(SampleRuns.Failing()));

        page.ById("verdict").Text().Should().Contain("2 of 4 checks failed");
        page.ById("summary").Text().Should().ContainAll(
            "smoke-faults", "Smoke test with two faults", "run-20250301-0001", "2025-03-01 10:00:00 UTC", "2 min 5 s", "1.5");
        page.ById("environment").Text().Should().ContainAll(
            "0.3.0-test", "builtin", "embedded", "containers", ".NET 10.0.0", "Debian GNU/Linux 12", "ci-runner-7");
    }

    [Test]
    public void Every_check_appears_with_its_outcome_and_figures()
    {
        var run = SampleRuns.Failing();
        var page = Xhtml.Parse(_writer.ToText(run));

        var rows = page.ById("checks-table").Element("tbody")!.Elements("tr").ToList();

        rows.Should().HaveCount(run.Checks.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var check = run.Checks[i];
            var cells = rows[i].Elements().ToList();
            cells[0].Text().Should().Be(check.Passed ? "PASS" : "FAIL");
            cells[0].Element("svg").Should().NotBeNull("the outcome has an icon as well as a word");
            cells[1].Name.LocalName.Should().Be("th");
            cells[1].Value.Should().Be(check.Name);
            cells[2].Value.Should().Be(check.Measured);
            cells[3].Value.Should().Be(check.Expected);
            cells[4].Value.Should().Be(check.Message ?? "");
        }

        page.ById("checks-table").Element("caption")!.Value.Should().Be("Verification checks: 2 passed, 2 failed");
    }

    [Test]
    public void Parity_latency_and_offsets_show_their_numbers()
    {
        var page = Xhtml.Parse(_writer.ToText(SampleRuns.Failing()));

        var topics = page.ById("parity-topics").Element("tbody")!.Elements("tr").ToList();
        topics.Should().HaveCount(2);
        topics[0].Elements().Select(c => c.Value).Should().Equal(
            "orders", "source.orders", "2", "122,111", "122,111", "0", "3", "0", "0", "0", "0");
        topics[0].Elements().ElementAt(6).Attribute("class")!.Value.Should().Contain("bad");

        var partitions = page.ById("parity-partitions").Element("tbody")!.Elements("tr").ToList();
        partitions.Should().HaveCount(3);
        partitions[1].Elements().Take(4).Select(c => c.Value).Should().Equal("orders", "source.orders", "1", "60,877");

        page.ById("latency").Text().Should().ContainAll("12.5 ms", "48.25 ms", "97.75 ms", "1,234.5 ms", "134,456");

        var offsets = page.ById("offsets-table").Element("tbody")!.Elements("tr").ToList();
        offsets[0].Elements().Select(c => c.Value).Should().Equal("billing", "orders", "0", "60,000", "59,950", "no", "no", "50");
        offsets[1].Text().Should().Contain("AHEAD");
        offsets[2].Elements().ElementAt(4).Value.Should().Be("none");
    }

    [Test]
    public void Switchover_rehearsal_is_shown_in_the_offset_translation_section_with_missing_records_flagged()
    {
        var page = Xhtml.Parse(_writer.ToText(SampleRuns.Failing()));

        var offsets = page.ById("offsets");
        var groups = offsets.Descendants("table").Single(t => (string?)t.Attribute("id") == "switchover-table").Element("tbody")!.Elements("tr").ToList();
        groups[0].Elements().Select(c => c.Value).Should().Equal("billing", "synced group offset", "1", "1,234", "1,284", "0", "50", "yes");
        groups[1].Attribute("data-key")!.Value.Should().Be("audit");
        groups[1].Elements().ElementAt(5).Value.Should().Be("7");
        groups[1].Elements().ElementAt(5).Attribute("class")!.Value.Should().Contain("bad");

        var partitions = page.ById("switchover-partitions").Element("tbody")!.Elements("tr").ToList();
        partitions.Select(r => r.Attribute("data-key")!.Value).Should().Equal("billing/orders/0", "audit/payments/0", "audit/payments/1");
        partitions[1].Elements().Select(c => c.Value).Should().Equal("audit", "payments", "0", "checkpoint", "12,007", "12,345", "345", "7", "0");
        partitions[2].Elements().ElementAt(3).Value.Should().Be("earliest (no translation)");
    }

    [Test]
    public void A_run_without_consumer_groups_says_no_switchover_was_rehearsed()
    {
        var page = Xhtml.Parse(_writer.ToText(SampleRuns.Bare()));

        page.ById("switchover-table").Value.Should().Be("No switchover was rehearsed.");
        page.ById("switchover-partitions").Name.LocalName.Should().Be("p");
    }

    [Test]
    public void Fault_timeline_and_anomalies_show_their_rows()
    {
        var page = Xhtml.Parse(_writer.ToText(SampleRuns.Failing()));

        var faults = page.ById("faults-table").Element("tbody")!.Elements("tr").ToList();
        faults[0].Elements().Select(c => c.Value).Should().Equal(
            "f1", "broker-kill", "source/broker-1", "0:30", "0:45", "15 s", "2.5 s (bound 30 s)", "lag peaked at 4,200 records");
        faults[1].Elements().ElementAt(4).Value.Should().Be("none");
        faults[1].Elements().ElementAt(6).Value.Should().BeEmpty("a fault without a recovery measurement shows none");

        page.ById("anomalies-table").Text().Should().ContainAll(
            "Duplicated", "40,001", "40,107", "second copy after replicator restart", "Unexpected", "no stamp");
    }

    [Test]
    public void Loads_nothing_from_outside()
    {
        var html = _writer.ToText(SampleRuns.Failing());

        html.Should().NotContain("http://").And.NotContain("https://");
        html.Should().NotMatchRegex(@"(?i)\b(src|href|xlink:href|action)\s*=\s*[""']?\s*(?!#)[^""'\s>]+:");
        html.Should().NotMatchRegex(@"(?i)\b(src|href)\s*=\s*[""']?\s*//");
        html.Should().NotContain("url(").And.NotContain("@import").And.NotContain("<link").And.NotContain("<img");
        var page = Xhtml.Parse(html);
        page.Descendants("script").Should().ContainSingle().Which.Attribute("src").Should().BeNull();
        page.Descendants().Where(e => e.Attribute("href") is not null)
            .Should().OnlyContain(e => e.Attribute("href")!.Value.StartsWith('#'));
        page.Descendants("meta").Should().Contain(m => (string?)m.Attribute("http-equiv") == "Content-Security-Policy");
    }

    [Test]
    public void Scenario_is_shown_with_secrets_masked()
    {
        var html = _writer.ToText(SampleRuns.Failing());
        var page = Xhtml.Parse(html);

        html.Should().NotContain(SampleRuns.SecretMarker);
        var scenario = page.ById("scenario-text").Value;
        scenario.Should().Contain("ssl.key.password: ******").And.Contain("token: ******").And.Contain("rate: 1000");
    }

    [Test]
    public void User_text_is_encoded()
    {
        const string Hostile = "<script>alert('x')</script> & \"more\"";
        var run = SampleRuns.Failing() with
        {
            Scenario = new ScenarioInfo { Name = Hostile, Text = "note: " + Hostile },
            Checks = [new CheckResult { Name = Hostile, Passed = false, Measured = "<b>1</b>", Message = Hostile }],
        };

        var html = _writer.ToText(run);
        var page = Xhtml.Parse(html);

        html.Should().NotContain("<script>alert").And.NotContain("<b>1</b>");
        page.ById("scenario-name").Value.Should().Be(Hostile);
        page.ById("checks-table").Element("tbody")!.Element("tr")!.Element("th")!.Value.Should().Be(Hostile);
        page.Descendants("script").Should().ContainSingle();
    }

    [Test]
    public void Partial_banner_shows_only_for_partial_runs()
    {
        var partial = Xhtml.Parse(_writer.ToText(SampleRuns.Partial()));
        var complete = Xhtml.Parse(_writer.ToText(SampleRuns.Failing()));

        partial.ById("partial-banner").Text().Should().Contain("Partial report.").And.Contain("interrupted by Ctrl-C during drain");
        partial.ById("partial-banner").Element("svg").Should().NotBeNull();
        complete.WithId("partial-banner").Should().BeEmpty();
    }

    [Test]
    public void Error_message_is_shown_in_a_banner()
    {
        var run = SampleRuns.Bare(Verdict.Error) with { ErrorMessage = "target cluster unreachable" };

        var page = Xhtml.Parse(_writer.ToText(run));

        page.ById("error-banner").Text().Should().Contain("target cluster unreachable");
        page.ById("verdict").Text().Should().Contain("ERROR");
    }

    [Test]
    public void Tables_have_captions_and_header_scopes()
    {
        var page = Xhtml.Parse(_writer.ToText(SampleRuns.Failing()));

        var tables = page.Descendants("table").ToList();
        tables.Should().HaveCount(9, "the switchover adds its group and partition tables");
        foreach (var table in tables)
        {
            table.Element("caption").Should().NotBeNull();
            table.Element("thead")!.Descendants("th").Should().OnlyContain(th => (string?)th.Attribute("scope") == "col");
            table.Element("tbody")!.Descendants("th").Where(th => (string?)th.Attribute("scope") != "row").Should().BeEmpty();
        }
    }

    [Test]
    public void Charts_are_inline_svg_with_title_description_and_fault_markers()
    {
        var page = Xhtml.Parse(_writer.ToText(SampleRuns.Failing()));

        foreach (var id in SectionIds.Where(i => i.StartsWith("chart-", StringComparison.Ordinal)))
        {
            var svg = page.ById(id).Element("svg");
            svg.Should().NotBeNull(because: $"{id} is drawn on the server");
            svg!.Attribute("role")!.Value.Should().Be("img");
            svg.Attribute("aria-labelledby")!.Value.Should().Be(id + "-title");
            svg.Attribute("aria-describedby")!.Value.Should().Be(id + "-desc");
            svg.Element("title")!.Attribute("id")!.Value.Should().Be(id + "-title");
            svg.Element("desc")!.Value.Should().Contain("Marker f1 broker-kill at 0:30 until 0:45");

            var markers = svg.Descendants("g").Where(g => (string?)g.Attribute("class") == "marker").ToList();
            markers.Select(m => (string?)m.Attribute("data-fault")).Should().Equal("f1", "f2");
            markers[0].Elements("text").Single().Value.Should().Be("f1 broker-kill");
            markers[0].Element("rect").Should().NotBeNull("a fault with an end is shaded while it lasts");
            markers[1].Element("rect").Should().BeNull();
        }

        page.ById("chart-rates").Element("svg")!.Element("desc")!.Value
            .Should().Contain("Produce: min 1,000, max 1,000, last 1,000").And.Contain("Replicate: min 400");
    }

    [Test]
    public void Latency_bounds_are_lines_on_the_latency_chart_and_recovery_is_on_the_fault_marker()
    {
        var page = Xhtml.Parse(_writer.ToText(SampleRuns.Failing()));

        var svg = page.ById("chart-latency").Element("svg")!;
        var bounds = svg.Descendants("g").Where(g => (string?)g.Attribute("class") == "bound").ToList();
        bounds.Select(b => ((string?)b.Attribute("data-bound"), (string?)b.Attribute("data-passed")))
            .Should().Equal(("p50 bound", "true"), ("p99 bound", "false"));
        bounds.Select(b => b.Element("line")!.Attribute("y1")!.Value).Distinct().Should().HaveCount(2, "each bound is drawn at its own height");
        bounds.Select(b => b.Element("text")!.Value).Should().Equal("p50 bound", "p99 bound (exceeded)");
        svg.Element("desc")!.Value.Should().Contain("p99 bound 50 ms, exceeded").And.Contain("replication recovered 2.5 s after its end");
        page.ById("chart-rates").Descendants("g").Should().NotContain(g => (string?)g.Attribute("class") == "bound", "latency bounds belong on the latency chart");

        var recovery = svg.Descendants("g").Single(g => (string?)g.Attribute("class") == "recovery");
        recovery.Attribute("data-recovery-seconds")!.Value.Should().Be("2.5");
        recovery.Element("text")!.Value.Should().Be("recovered 2.5 s");
    }

    [Test]
    public void Chart_lines_break_where_values_are_missing()
    {
        var page = Xhtml.Parse(_writer.ToText(SampleRuns.Failing()));

        var paths = page.ById("chart-memory").Descendants("path")
            .Where(p => p.Attribute("data-series") is not null)
            .ToDictionary(p => p.Attribute("data-series")!.Value, p => p.Attribute("d")!.Value);

        paths.Keys.Should().BeEquivalentTo("RSS", "GC heap");
        paths["RSS"].Count(c => c == 'M').Should().Be(2);
        page.ById("chart-rates").Descendants("path").Count(p => p.Attribute("data-series") is not null).Should().Be(2);
    }

    [Test]
    public void An_empty_run_renders_empty_notes_instead_of_tables_and_charts()
    {
        var page = Xhtml.Parse(_writer.ToText(SampleRuns.Bare()));

        page.Descendants("table").Should().BeEmpty();
        page.ById("checks-table").Value.Should().Be("No checks were run.");
        page.ById("chart-rates").Text().Should().Contain("No samples were recorded.");
        page.ById("scenario").Text().Should().Contain("not recorded");
    }

    [Test]
    public void Page_prints_and_reads_without_script()
    {
        var html = _writer.ToText(SampleRuns.Failing());
        var page = Xhtml.Parse(html);

        html.Should().Contain("@media print");
        page.Root!.Attribute("lang")!.Value.Should().Be("en");
        page.Descendants("noscript").Should().BeEmpty("nothing depends on script");
        page.Descendants("button").Should().BeEmpty("sort buttons are added by the script, not shipped dead");
    }
}
