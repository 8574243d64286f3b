using System.Net;
using Harness.Engine.Replicators.Metrics;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Engine.Tests.Replicators.Metrics;

/// <summary>A scrape is a fresh sample only when the endpoint answers with series; anything else leaves the last one.</summary>
public sealed class PrometheusScraperTests
{
    private static readonly Uri Url = new("http://127.0.0.1:9404/metrics");

    [Test]
    public async Task An_answer_is_a_sample_at_the_runs_time_and_a_refusal_or_error_status_is_none()
    {
        var time = new FakeTimeProvider();
        var endpoint = new ScriptedEndpoint { Page = "kafka_connect_mirror_replication_latency_ms_max{partition=\"0\"} 88\n" };
        var scraper = new PrometheusScraper(Url);
        using var client = new HttpClient(endpoint);

        (await scraper.ScrapeAsync(client, time, CancellationToken.None)).Should().BeTrue();
        var first = time.GetUtcNow();
        scraper.LastSampleUtc.Should().Be(first);
        scraper.Latest!.ReplicationLatencyMaxMs.Should().Be(88);

        time.Advance(TimeSpan.FromSeconds(3));
        endpoint.Answering = false;
        (await scraper.ScrapeAsync(client, time, CancellationToken.None)).Should().BeFalse();
        endpoint.Answering = true;
        endpoint.Status = HttpStatusCode.ServiceUnavailable;
        (await scraper.ScrapeAsync(client, time, CancellationToken.None)).Should().BeFalse();
        endpoint.Status = HttpStatusCode.OK;
        endpoint.Page = "# exporter up, nothing registered yet\n";
        (await scraper.ScrapeAsync(client, time, CancellationToken.None)).Should().BeFalse();

        scraper.LastSampleUtc.Should().Be(first, "a scrape that gave nothing is no fresh sample");
        scraper.Latest!.ReplicationLatencyMaxMs.Should().Be(88);
    }

    [Test]
    public async Task It_scrapes_at_once_and_then_once_per_interval_on_the_runs_clock()
    {
        var time = new FakeTimeProvider();
        var endpoint = new ScriptedEndpoint();
        var scraper = new PrometheusScraper(Url, () => endpoint);
        using var stop = new CancellationTokenSource();

        var run = scraper.RunAsync(time, TimeSpan.FromSeconds(1), stop.Token);
        SampledNow().Should().BeTrue("the first scrape does not wait for the interval");
        for (var tick = 1; tick <= 2; tick++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            SampledNow().Should().BeTrue($"tick {tick} scrapes again");
        }

        endpoint.Answering = false;
        time.Advance(TimeSpan.FromSeconds(1));
        SpinWait.SpinUntil(() => endpoint.Requests == 4, TimeSpan.FromSeconds(10)).Should().BeTrue();
        await stop.CancelAsync();
        await run;

        endpoint.Requests.Should().Be(4);
        scraper.LastSampleUtc.Should().Be(time.GetUtcNow() - TimeSpan.FromSeconds(1), "the refused scrape left the sample of the tick before");

        // The scrape runs on its own task; this waits for its result, not for luck.
        bool SampledNow() => SpinWait.SpinUntil(() => scraper.LastSampleUtc == time.GetUtcNow(), TimeSpan.FromSeconds(10));
    }
}
