using System.Text.Json;
using Harness.Replicator.Metrics;
using Harness.Replicator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Replicator.Tests.Timing;

public sealed class MetricsLoopTests
{
    private static readonly DateTimeOffset Start = FakeClock.Start;

    [Test]
    public async Task One_line_per_interval_of_the_injected_clock_each_covering_that_interval()
    {
        var path = Path.Combine(TempDirectory.Create(), "metrics.jsonl");
        var time = new FakeTimeProvider(Start);
        var metrics = new ReplicatorMetrics(time);
        var loop = new MetricsLoop(new MetricsSampler(metrics), new MetricsFileWriter(path), _ => { });
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(TimeSpan.FromMilliseconds(250), time, stop.Token);

        time.Advance(TimeSpan.FromMilliseconds(249));
        File.Exists(path).Should().BeFalse("no interval has passed");
        await FakeClock.AdvanceUntilAsync(time, TimeSpan.FromMilliseconds(1), () => Lines(path) == 1, "the first interval is sampled");
        metrics.Partition("t", 0).Replicated(10, 0, 0);
        await FakeClock.AdvanceUntilAsync(time, TimeSpan.FromMilliseconds(250), () => Lines(path) == 2, "the second interval is sampled");

        await stop.CancelAsync();
        await running;
        var samples = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        samples.Select(s => s.GetProperty("time").GetDateTimeOffset()).Should().Equal(Start.AddMilliseconds(250), Start.AddMilliseconds(500));
        samples[1].GetProperty("record-rate").GetDouble().Should().Be(4.0, "one record in a quarter of a second of the injected clock");
    }

    [Test]
    public async Task A_metrics_file_that_cannot_be_written_is_told_once_and_sampling_goes_on()
    {
        var unwritable = Path.Combine(TempDirectory.Create(), "missing", "metrics.jsonl");
        var time = new FakeTimeProvider(Start);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var sampler = new MetricsSampler(new ReplicatorMetrics(time));
        var loop = new MetricsLoop(sampler, new MetricsFileWriter(unwritable), log.Enqueue);
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(TimeSpan.FromSeconds(1), time, stop.Token);

        for (var i = 1; i <= 3; i++)
        {
            await FakeClock.AdvanceUntilAsync(time, TimeSpan.FromSeconds(1), () => sampler.Latest?.Time == Start.AddSeconds(i), $"sample {i} was taken");
        }

        await stop.CancelAsync();
        await running;
        log.Should().ContainSingle().Which.Should().StartWith("cannot write the metrics file: ");
    }

    private static int Lines(string path) => File.Exists(path) ? File.ReadAllLines(path).Length : 0;
}
