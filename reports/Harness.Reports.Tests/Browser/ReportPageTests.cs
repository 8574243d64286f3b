using System.Text;
using System.Text.Json;
using Harness.Reports.Html;
using Harness.Reports.Model;

namespace Harness.Reports.Tests.Browser;

/// <summary>
/// report.html as people see it: written by <see cref="ReportWriters.WriteAll(RunResult, string)"/> as a real run
/// writes it, opened in headless Chromium, and checked through the DOM the browser built (not the markup text).
/// </summary>
[Category("Integration")]
public sealed class ReportPageTests
{
    private const string ContrastScript = """
        const rgb = s => { const p = s.match(/[\d.]+/g).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
        const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        const luminance = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
        const background = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.a > 0) { return c; } } return { r: 255, g: 255, b: 255, a: 1 }; };
        const contrast = el => { const a = luminance(rgb(getComputedStyle(el).color)), b = luminance(background(el)); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };

        """;

    private static readonly (string Id, string[] Series, Func<MetricSample, double?>[] Values)[] Charts =
    [
        ("chart-rates", ["Produce", "Replicate"], [s => s.ProduceRate, s => s.ReplicateRate]),
        ("chart-lag-records", ["Lag"], [s => s.LagRecords]),
        ("chart-lag-ms", ["Lag"], [s => s.LagMs]),
        ("chart-latency", ["p50", "p99"], [s => s.LatencyP50Ms, s => s.LatencyP99Ms]),
        ("chart-memory", ["RSS", "GC heap"], [s => s.ReplicatorRssMiB, s => s.GcHeapMiB]),
        ("chart-brokers", ["Source", "Target"], [s => s.SourceBrokersUp, s => s.TargetBrokersUp]),
    ];

    private static readonly string[] TableIds =
        [
            "checks-table", "parity-topics", "parity-partitions", "latency-table", "offsets-table", "switchover-table", "switchover-partitions",
            "faults-table", "anomalies-table",
        ];

    private readonly Dictionary<string, (RunResult Run, string Path)> _reports = [];
    private ChromiumBrowser _browser = null!;
    private BrowserPage _page = null!;

    public static IEnumerable<string> RunNames => ["failing", "partial", "bare", "error"];

    [OneTimeSetUp]
    public async Task StartBrowser()
    {
        RunResult[] runs =
        [
            SampleRuns.Failing(), SampleRuns.Partial(), SampleRuns.Bare(),
            SampleRuns.Bare(Verdict.Error) with { ErrorMessage = "source cluster did not start: port 9092 in use" },
        ];
        foreach (var (name, run) in RunNames.Zip(runs))
        {
            var directory = TestArtifacts.Directory("report-" + name);
            ReportWriters.WriteAll(run, directory);
            _reports[name] = (run, Path.Combine(directory, "report.html"));
        }

        _browser = await ChromiumBrowser.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task StopBrowser()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [SetUp]
    public async Task OpenTab() => _page = await _browser.NewPageAsync();

    [TearDown]
    public async Task CloseTab() => await _page.DisposeAsync();

    [TestCaseSource(nameof(RunNames))]
    public async Task Loads_with_no_console_errors_and_no_request_but_the_file_itself(string name)
    {
        var url = await _page.OpenAsync(_reports[name].Path);

        (await _page.EvaluateAsync<string>("document.readyState")).Should().Be("complete");
        _page.Problems.Should().BeEmpty();
        _page.Requests.Should().Equal([url], "a report loads nothing but itself: no CDN, no fonts, no images");
    }

    [Test]
    public async Task Verdict_and_run_facts_are_at_the_top()
    {
        var run = _reports["failing"].Run;
        await _page.OpenAsync(_reports["failing"].Path);

        var top = await _page.EvaluateAsync("""
            ({
              word: document.querySelector('#verdict .verdict-text').textContent,
              detail: document.querySelector('#verdict .verdict-detail').textContent,
              top: document.getElementById('verdict').getBoundingClientRect().top,
              title: document.title,
              summary: document.getElementById('summary').innerText,
              environment: document.getElementById('environment').innerText
            })
            """);

        top.Text("word").Should().Be("FAILED");
        top.Text("detail").Should().Be("2 of 4 checks failed.");
        top.Number("top").Should().BeLessThan(200, "the verdict is the first thing a reader sees");
        top.Text("title").Should().StartWith("FAILED: smoke-faults");
        top.Text("summary").Should().ContainAll(run.RunId, run.Scenario.Name, "2 min 5 s", "2025-03-01 10:00:00 UTC");
        top.Text("environment").Should().ContainAll(
            run.Environment.HarnessVersion, run.Environment.ReplicatorKind, run.Environment.DotNetVersion, run.Environment.MachineName);
    }

    [Test]
    public async Task Every_check_is_a_row_with_its_outcome_measured_and_expected()
    {
        var run = _reports["failing"].Run;
        await _page.OpenAsync(_reports["failing"].Path);

        var rows = (await _page.EvaluateAsync(Pages.TableRows("checks-table"))).Rows();
        var keys = (await _page.EvaluateAsync("Array.from(document.querySelectorAll('#checks-table tbody tr')).map(r => r.dataset.key)")).Strings();

        rows.Should().BeEquivalentTo(
            run.Checks.Select(c => new[] { c.Passed ? "PASS" : "FAIL", c.Name, c.Measured, c.Expected, c.Message ?? "" }),
            options => options.WithStrictOrdering());
        keys.Should().Equal(run.Checks.Select(c => c.Name));
    }

    [Test]
    public async Task Parity_latency_offsets_faults_and_anomalies_show_the_model_numbers()
    {
        var run = _reports["failing"].Run;
        await _page.OpenAsync(_reports["failing"].Path);

        var topics = (await _page.EvaluateAsync(Pages.TableRows("parity-topics"))).Rows();
        var partitions = (await _page.EvaluateAsync(Pages.TableRows("parity-partitions"))).Rows();
        var latency = (await _page.EvaluateAsync(Pages.TableRows("latency-table"))).Rows();
        var offsets = (await _page.EvaluateAsync(Pages.TableRows("offsets-table"))).Rows();
        var faults = (await _page.EvaluateAsync(Pages.TableRows("faults-table"))).Rows();
        var anomalies = (await _page.EvaluateAsync(Pages.TableRows("anomalies-table"))).Rows();

        topics.Should().BeEquivalentTo(
            TopicParity.Summarize(run.Parity).Select(t => new[]
            {
                t.SourceTopic, t.TargetTopic, N(t.Partitions), N(t.Produced), N(t.Replicated), N(t.Lost), N(t.Duplicated),
                N(t.Reordered), N(t.Corrupted), N(t.Misrouted), N(t.Unexpected),
            }),
            options => options.WithStrictOrdering());
        partitions.Select(r => (r[0], r[2], r[3], r[6])).Should().Equal(
            run.Parity.Select(p => (p.SourceTopic, N(p.Partition), N(p.Produced), N(p.Duplicated))));
        latency.Should().ContainSingle().Which.Should().Equal("12.5 ms", "48.25 ms", "97.75 ms", "1,234.5 ms", "134,456");
        offsets.Select(r => (r[0], r[4], r[6])).Should().Equal(("billing", "59,950", "no"), ("audit", "12,007", "AHEAD"), ("late", "none", "no"));
        faults.Select(r => (r[0], r[3], r[4], r[7])).Should().Equal(
            ("f1", "0:30", "0:45", "lag peaked at 4,200 records"), ("f2", "1:20", "none", "3 duplicates"));
        anomalies.Select(r => (r[0], r[4], r[5])).Should().Equal(("Duplicated", "40,001", "40,107"), ("Unexpected", "n/a", "n/a"));
    }

    [Test]
    public async Task Every_chart_is_drawn_with_its_series_figures_and_fault_markers()
    {
        var run = _reports["failing"].Run;
        await _page.OpenAsync(_reports["failing"].Path);

        var charts = await _page.EvaluateAsync($$"""
            {{ChartIdsArray()}}.map(id => {
              const svg = document.querySelector('#' + id + ' svg');
              if (!svg) { return { id, present: false }; }
              const box = svg.getBoundingClientRect();
              return {
                id, present: true, width: box.width, height: box.height,
                series: Array.from(svg.querySelectorAll('path[data-series]')).map(p => p.dataset.series),
                lengths: Array.from(svg.querySelectorAll('path[data-series]')).map(p => p.getTotalLength()),
                markers: Array.from(svg.querySelectorAll('g.marker')).map(g => g.dataset.fault),
                legend: Array.from(svg.querySelectorAll('g.legend text')).map(t => t.textContent),
                desc: svg.querySelector('desc').textContent
              };
            })
            """);

        var byId = charts.EnumerateArray().ToDictionary(c => c.Text("id"));
        byId.Keys.Should().BeEquivalentTo(Charts.Select(c => c.Id));
        foreach (var (id, names, values) in Charts)
        {
            var chart = byId[id];
            chart.GetProperty("present").GetBoolean().Should().BeTrue($"{id} has a chart");
            chart.Number("width").Should().BeGreaterThan(600, $"{id} is drawn at a readable size");
            chart.Number("height").Should().BeGreaterThan(200);
            chart.GetProperty("series").Strings().Should().Equal(names, $"{id} draws each of its series");
            chart.GetProperty("lengths").EnumerateArray().Should().OnlyContain(l => l.GetDouble() > 100, $"{id}'s lines are visible");
            chart.GetProperty("markers").Strings().Should().Equal(run.TimeSeries.Markers.Select(m => m.FaultId!), $"{id} marks every fault");
            chart.GetProperty("legend").Strings().Should().Contain(names).And.Contain("fault");
            for (var i = 0; i < names.Length; i++)
            {
                var series = run.TimeSeries.Samples.Select(values[i]).OfType<double>().ToList();
                chart.Text("desc").Should().Contain(
                    $"{names[i]}: min {Format.Decimal(series.Min())}, max {Format.Decimal(series.Max())}, last {Format.Decimal(series[^1])}.",
                    $"{id} states the figures of {names[i]}");
            }
        }
    }

    [Test]
    public async Task A_full_page_screenshot_is_saved_and_attached()
    {
        await _page.OpenAsync(_reports["failing"].Path);

        var png = await _page.ScreenshotAsync();

        var path = TestArtifacts.Attach(png, "report-failing.png", "report.html of a failing run, full page");
        png.AsSpan(0, 8).ToArray().Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A);
        BigEndian(png, 16).Should().Be(1280, "the screenshot has the viewport's width");
        BigEndian(png, 20).Should().BeGreaterThan(2000, "the screenshot covers the whole page, not just the first screen");
        new FileInfo(path).Length.Should().Be(png.Length);
    }

    [Test]
    public async Task Prints_to_pdf_with_charts_whole_legible_and_coloured()
    {
        // Roughly the printable width of an A4 page at 96 CSS pixels per inch.
        await _page.OpenAsync(_reports["failing"].Path);
        await _page.EmulateMediaAsync("print");
        await _page.SetViewportWidthAsync(700);

        var print = await _page.EvaluateAsync("""
            ({
              toc: getComputedStyle(document.getElementById('toc')).display,
              verdictColours: getComputedStyle(document.getElementById('verdict')).printColorAdjust,
              figures: Array.from(document.querySelectorAll('figure.chart')).map(f => {
                const svg = f.querySelector('svg');
                const box = svg.getBoundingClientRect();
                const label = svg.querySelector('g.grid text');
                const scale = box.width / svg.viewBox.baseVal.width;
                return { breakInside: getComputedStyle(f).breakInside, width: box.width, labelPx: parseFloat(getComputedStyle(label).fontSize) * scale };
              })
            })
            """);
        var pdf = await _page.PrintToPdfAsync();

        TestArtifacts.Attach(pdf, "report-failing.pdf", "report.html of a failing run, printed");
        print.Text("toc").Should().Be("none", "navigation links are useless on paper");
        print.Text("verdictColours").Should().Be("exact", "the verdict keeps its colour in print");
        var figures = print.GetProperty("figures").EnumerateArray().ToList();
        figures.Should().HaveCount(Charts.Length);
        foreach (var figure in figures)
        {
            figure.Text("breakInside").Should().Be("avoid", "a chart is never split across pages");
            figure.Number("width").Should().BeGreaterThan(600, "a chart fills the printed width");
            figure.Number("labelPx").Should().BeGreaterThanOrEqualTo(9, "axis labels stay legible on paper");
        }

        Encoding.ASCII.GetString(pdf, 0, 5).Should().Be("%PDF-");
        pdf.Length.Should().BeGreaterThan(20_000);
        PageCount(pdf).Should().BeGreaterThanOrEqualTo(3, "the report with six charts spans several pages");
    }

    [Test]
    public async Task Tables_and_charts_read_without_javascript()
    {
        var run = _reports["failing"].Run;
        await _page.DisableScriptsAsync();
        await _page.OpenAsync(_reports["failing"].Path);

        var page = await _page.EvaluateAsync($$"""
            ({
              buttons: document.querySelectorAll('button').length,
              charts: document.querySelectorAll('figure.chart svg path[data-series]').length,
              tables: {{TableIdsArray()}}.map(id => {
                const t = document.getElementById(id);
                return {
                  id, height: t.getBoundingClientRect().height, caption: t.caption ? t.caption.textContent : '',
                  headers: Array.from(t.tHead.rows[0].cells).map(c => c.textContent.trim()),
                  rows: t.tBodies[0].rows.length,
                  emptyKeys: Array.from(t.tBodies[0].rows).filter(r => r.cells[0].textContent.trim() === '').length
                };
              })
            })
            """);

        page.Number("buttons").Should().Be(0, "the sort buttons come from the script, which did not run");
        page.Number("charts").Should().Be(Charts.Sum(c => c.Series.Length), "the charts are drawn by the writer, not by script");
        var rows = new Dictionary<string, int>
        {
            ["checks-table"] = run.Checks.Count, ["parity-topics"] = TopicParity.Summarize(run.Parity).Count,
            ["parity-partitions"] = run.Parity.Count, ["latency-table"] = 1, ["offsets-table"] = run.OffsetTranslation.Count,
            ["switchover-table"] = run.Switchover.Count, ["switchover-partitions"] = run.Switchover.Sum(g => g.Partitions.Count),
            ["faults-table"] = run.Faults.Count, ["anomalies-table"] = run.Anomalies.Count,
        };
        foreach (var table in page.GetProperty("tables").EnumerateArray())
        {
            var id = table.Text("id");
            table.Number("height").Should().BeGreaterThan(50, $"{id} is laid out");
            table.Text("caption").Should().NotBeEmpty($"{id} says what it holds");
            table.GetProperty("headers").Strings().Should().NotContain(string.Empty, $"every column of {id} is named");
            table.Number("rows").Should().Be(rows[id], $"{id} lists every row");
            table.Number("emptyKeys").Should().Be(0, $"every row of {id} starts with a value");
        }
    }

    [Test]
    public async Task Sorting_a_column_reorders_its_rows_and_says_so()
    {
        await _page.OpenAsync(_reports["failing"].Path);

        var sorted = await _page.EvaluateAsync("""
            (() => {
              const table = document.getElementById('parity-partitions');
              const header = table.tHead.rows[0].cells[3];
              const values = () => Array.from(table.tBodies[0].rows).map(r => Number(r.cells[3].dataset.value));
              header.querySelector('button.sort').click();
              const ascending = values();
              const first = header.getAttribute('aria-sort');
              header.querySelector('button.sort').click();
              return { ascending, first, descending: values(), second: header.getAttribute('aria-sort'), column: header.textContent };
            })()
            """);

        sorted.Text("column").Should().Be("Produced");
        sorted.GetProperty("ascending").EnumerateArray().Select(v => v.GetDouble()).Should().Equal(12_345, 60_877, 61_234);
        sorted.Text("first").Should().Be("ascending");
        sorted.GetProperty("descending").EnumerateArray().Select(v => v.GetDouble()).Should().Equal(61_234, 60_877, 12_345);
        sorted.Text("second").Should().Be("descending");
        _page.Problems.Should().BeEmpty();
    }

    [Test]
    public async Task Colour_is_never_the_only_signal_and_flagged_text_has_enough_contrast()
    {
        await _page.OpenAsync(_reports["failing"].Path);

        var signals = await _page.EvaluateAsync(ContrastScript + """
            ({
              statuses: Array.from(document.querySelectorAll('.status')).map(e => ({
                text: e.textContent.trim(), icon: e.querySelector('svg') !== null, contrast: contrast(e) })),
              flagged: Array.from(document.querySelectorAll('td.bad')).map(e => ({
                text: e.textContent.trim(), icon: e.querySelector('svg') !== null, weight: Number(getComputedStyle(e).fontWeight), contrast: contrast(e) })),
              failedRows: Array.from(document.querySelectorAll('tr.row-fail')).map(r => r.textContent),
              verdict: { text: document.querySelector('#verdict .verdict-text').textContent, contrast: contrast(document.querySelector('#verdict .verdict-text')) },
              charts: Array.from(document.querySelectorAll('figure.chart svg')).map(svg => ({
                id: svg.closest('figure').id,
                dashes: Array.from(svg.querySelectorAll('path[data-series]')).map(p => p.getAttribute('stroke-dasharray') || 'solid'),
                markerLabels: Array.from(svg.querySelectorAll('g.marker > text')).map(t => t.textContent.trim()) }))
            })
            """);

        var statuses = signals.GetProperty("statuses").EnumerateArray().ToList();
        statuses.Should().HaveCount(5, "four checks and one offset that is ahead carry a status");
        foreach (var status in statuses)
        {
            status.Text("text").Should().BeOneOf("PASS", "FAIL", "AHEAD");
            status.GetProperty("icon").GetBoolean().Should().BeTrue("a status has a shape as well as a colour");
            status.Number("contrast").Should().BeGreaterThanOrEqualTo(4.5, $"'{status.Text("text")}' is readable (WCAG AA)");
        }

        var flagged = signals.GetProperty("flagged").EnumerateArray().ToList();
        flagged.Should().HaveCount(6,
            "duplicates on orders (topic and partition rows), one missing translation, the switchover's missing records (group and partition rows) and its start at earliest are flagged");
        foreach (var cell in flagged)
        {
            cell.Text("text").Should().NotBeEmpty();
            cell.GetProperty("icon").GetBoolean().Should().BeTrue("a flagged figure has a warning icon as well as a colour");
            cell.Number("weight").Should().BeGreaterThanOrEqualTo(600, "a flagged figure is bold too");
            cell.Number("contrast").Should().BeGreaterThanOrEqualTo(4.5);
        }

        signals.GetProperty("failedRows").Strings().Should().OnlyContain(text => text.Contains("FAIL") || text.Contains("AHEAD"));
        signals.GetProperty("verdict").Text("text").Should().Be("FAILED");
        signals.GetProperty("verdict").Number("contrast").Should().BeGreaterThanOrEqualTo(3, "large verdict text is readable (WCAG AA)");
        foreach (var chart in signals.GetProperty("charts").EnumerateArray())
        {
            chart.GetProperty("dashes").Strings().Should().OnlyHaveUniqueItems($"{chart.Text("id")}'s lines differ in dash pattern, not only colour");
            chart.GetProperty("markerLabels").Strings().Should().HaveCount(2).And.NotContain(string.Empty, "fault markers are labelled");
        }
    }

    [Test]
    public async Task The_probe_itself_catches_requests_console_errors_exceptions_and_blocked_loads()
    {
        // Without this, an empty list of problems could mean the probe sees nothing.
        var directory = TestArtifacts.Directory("probe");
        var page = Path.Combine(directory, "probe.html");
        await File.WriteAllTextAsync(page, """
            <!DOCTYPE html><html><head><title>probe</title>
            <meta http-equiv="Content-Security-Policy" content="default-src 'self' 'unsafe-inline'; img-src 'none'">
            </head><body>
            <link rel="stylesheet" href="elsewhere.css">
            <img src="blocked.png" alt="">
            <script>console.error("probe console error"); throw new Error("probe exception");</script>
            </body></html>
            """);

        var url = await _page.OpenAsync(page);

        _page.Requests.Should().Contain(url).And.Contain(u => u.EndsWith("/elsewhere.css", StringComparison.Ordinal));
        _page.Problems.Should().Contain(p => p.Contains("probe console error"))
            .And.Contain(p => p.Contains("probe exception"))
            .And.Contain(p => p.Contains("Content Security Policy") && p.Contains("blocked.png"));
    }

    private static string N(long value) => Format.Count(value);

    private static string ChartIdsArray() => JsonSerializer.Serialize(Charts.Select(c => c.Id));

    private static string TableIdsArray() => JsonSerializer.Serialize(TableIds);

    private static int BigEndian(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];

    private static int PageCount(byte[] pdf)
    {
        // Page objects are "/Type /Page" (or "/Type/Page"); "/Pages" is the page tree and must not count.
        var text = Encoding.Latin1.GetString(pdf);
        return System.Text.RegularExpressions.Regex.Matches(text, @"/Type\s*/Page(?![s])").Count;
    }
}
