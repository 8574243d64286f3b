using Harness.Reports.Sizing;
using Harness.Reports.Tests.Sizing;

namespace Harness.Reports.Tests.Browser;

/// <summary>sizing.html in headless Chromium: self-contained, the capacity chart drawn with its knees and SLO line, tables sortable.</summary>
[Category("Integration")]
public sealed class SizingPageTests
{
    private ChromiumBrowser _browser = null!;
    private BrowserPage _page = null!;
    private string _path = "";

    [OneTimeSetUp]
    public async Task StartBrowser()
    {
        _path = Path.Combine(TestArtifacts.Directory("sizing"), SizingHtmlWriter.FileName);
        using (var stream = File.Create(_path))
        {
            new SizingHtmlWriter().Write(SizingSamples.Report(), stream);
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
        _page.Requests.Should().Equal([url], "sizing.html loads nothing but itself, like report.html");
    }

    [Test]
    public async Task The_capacity_chart_draws_every_level_a_ringed_knee_per_curve_and_the_slo_line_inside_the_plot()
    {
        await _page.OpenAsync(_path);

        var chart = await _page.EvaluateAsync("""
            (() => {
              const svg = document.querySelector('#chart-capacity svg');
              const box = svg.getBoundingClientRect();
              const slo = svg.querySelector('line.slo').getBoundingClientRect();
              return {
                levels: svg.querySelectorAll('circle.level').length,
                failed: svg.querySelectorAll('circle.level.fail').length,
                knees: svg.querySelectorAll('circle.knee').length,
                curves: svg.querySelectorAll('polyline.curve').length,
                sloInside: slo.top > box.top && slo.bottom < box.bottom,
                width: box.width,
                labels: Array.from(svg.querySelectorAll('text.marker-label')).map(t => t.textContent)
              };
            })()
            """);
        var png = await _page.ScreenshotAsync();

        TestArtifacts.Attach(png, "sizing.png", "sizing.html with two curves");
        chart.Number("levels").Should().Be(8);
        chart.Number("failed").Should().Be(4);
        chart.Number("knees").Should().Be(2);
        chart.Number("curves").Should().Be(2);
        chart.GetProperty("sloInside").GetBoolean().Should().BeTrue();
        chart.Number("width").Should().BeGreaterThan(300);
        chart.GetProperty("labels").Strings().Should().Contain(["SLO p99 2,000 ms", "knee, 1 task: 1,000/s", "knee, 4 tasks: 4,000/s"]);
    }

    [Test]
    public async Task Tables_show_the_model_figures_and_sort_by_their_numbers()
    {
        await _page.OpenAsync(_path);

        var classes = (await _page.EvaluateAsync(Pages.TableRows("classes-table"))).Rows();
        classes.Should().BeEquivalentTo(
            new[] { new[] { "high", "web.access-logs, nginx.access-logs", "4,450", "1.554", "1", "9" }, ["low", "nginx.error-logs", "400", "0.112", "1", "1"] },
            options => options.WithStrictOrdering());
        var summary = await _page.EvaluateAsync<string>("document.getElementById('summary').innerText");
        summary.Should().ContainAll("4,000 records/s with 4 tasks", "1,000 records/s", "10 tasks on 4 workers (N+1), 240 MiB heap each", "3 × kafka.m5.large");

        await _page.EvaluateAsync("document.querySelector('#levels-tasks-1 thead th:nth-child(7) button').click()");
        var p99 = (await _page.EvaluateAsync(Pages.TableRows("levels-tasks-1"))).Rows().Select(r => r[6]).ToList();
        p99.Should().Equal("180", "420", "2,600", "5,200");
    }
}
