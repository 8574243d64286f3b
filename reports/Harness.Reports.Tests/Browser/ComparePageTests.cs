using Harness.Reports.Compare;
using Harness.Reports.Tests.Compare;

namespace Harness.Reports.Tests.Browser;

/// <summary>compare.html, from two run folders written as real runs write them, in headless Chromium.</summary>
[Category("Integration")]
public sealed class ComparePageTests
{
    private ChromiumBrowser _browser = null!;
    private BrowserPage _page = null!;
    private RunComparison _comparison = null!;
    private string _path = "";

    [OneTimeSetUp]
    public async Task StartBrowser()
    {
        var root = TestArtifacts.Directory("compare");
        var baseline = Path.Combine(root, "runs", "20250301-100000-smoke");
        var regressed = Path.Combine(root, "runs", "20250302-100000-smoke");
        ReportWriters.WriteAll(ComparisonRuns.Baseline(), baseline);
        ReportWriters.WriteAll(ComparisonRuns.Regressed(), regressed);
        _comparison = RunComparison.Create(RunFolder.LoadAll([baseline, regressed]));
        _path = Path.Combine(root, ComparisonHtmlWriter.FileName);
        using (var stream = File.Create(_path))
        {
            new ComparisonHtmlWriter().Write(_comparison, stream, root);
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

    [Test]
    public async Task Loads_with_no_console_errors_and_no_request_but_the_file_itself()
    {
        var url = await _page.OpenAsync(_path);

        (await _page.EvaluateAsync<string>("document.readyState")).Should().Be("complete");
        _page.Problems.Should().BeEmpty();
        _page.Requests.Should().Equal(url);
    }

    [Test]
    public async Task Shows_the_outcome_every_figure_and_each_regression_in_words()
    {
        await _page.OpenAsync(_path);

        var page = await _page.EvaluateAsync("""
            ({
              verdict: document.querySelector('#verdict .verdict-text').textContent,
              figures: Array.from(document.querySelectorAll('#deltas-table tbody tr')).map(r => r.dataset.key),
              regressions: Array.from(document.querySelectorAll('#regressions li')).map(li => li.textContent.trim()),
              flagged: Array.from(document.querySelectorAll('#deltas-table td.fail')).map(c => ({ text: c.textContent.trim(), icon: c.querySelector('svg') !== null })),
              links: Array.from(document.querySelectorAll('#runs-table a')).map(a => a.href)
            })
            """);
        var png = await _page.ScreenshotAsync();

        TestArtifacts.Attach(png, "compare.png", "compare.html with two injected regressions");
        page.Text("verdict").Should().Be("REGRESSED");
        page.GetProperty("figures").Strings().Should().Equal(_comparison.Rows.Select(r => r.Metric.Name));
        page.GetProperty("regressions").Strings().Should().Equal(
            "REGRESSION 20250302-100000-smoke: latency p99 97.75 -> 146.63 ms (+50.0%, higher is worse)",
            "REGRESSION 20250302-100000-smoke: duplicates 3 -> 10 records (+233.3%, higher is worse)");
        var flagged = page.GetProperty("flagged").EnumerateArray().ToList();
        flagged.Select(f => f.Text("text")).Should().Equal("+50.0% REGRESSION", "+233.3% REGRESSION");
        flagged.Should().OnlyContain(f => f.GetProperty("icon").GetBoolean());
        var links = page.GetProperty("links").Strings();
        links.Should().HaveCount(2);
        links.Select(l => new Uri(l).LocalPath).Should().OnlyContain(path => File.Exists(path), "each run's report.html is linked");
    }
}
