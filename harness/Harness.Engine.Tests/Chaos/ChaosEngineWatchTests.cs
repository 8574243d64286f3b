using Harness.Engine.Chaos;
using Harness.Engine.Load;
using Harness.Engine.Replicators.Metrics;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Engine.Tests.Orchestration;
using Harness.Engine.Tests.Replicators.Metrics;

namespace Harness.Engine.Tests.Chaos;

/// <summary>
/// The replicator watch's metrics-gap rule, on a stepped fake clock: through the built-in replicator's metrics file, whose
/// write time the test sets, and through a scraped Prometheus endpoint that the test stops and starts answering.
/// </summary>
public sealed class ChaosEngineWatchTests
{
    private static readonly TimeSpan WatchEvery = TimeSpan.FromMilliseconds(500);

    private string _metrics = "";

    [SetUp]
    public void CreateMetricsFile() => _metrics = Path.GetTempFileName();

    [TearDown]
    public void DeleteMetricsFile() => File.Delete(_metrics);

    [Test]
    public async Task Metrics_unwritten_for_more_than_five_seconds_are_a_gap_and_writing_again_ends_it()
    {
        var time = new SteppedClock();
        var events = new EventLog();
        File.SetLastWriteTimeUtc(_metrics, time.GetUtcNow().UtcDateTime);
        var engine = new ChaosEngine([], FaultContexts.On(new RunClock(time), new ScriptedReplicator(new MetricsFileSource(_metrics)), events), new LoadCounters());
        using var stop = new CancellationTokenSource();
        var watch = engine.WatchAsync(stop.Token);

        await time.RunAsync(events.Next("metrics stopped"), WatchEvery, TimeSpan.FromSeconds(30));
        File.SetLastWriteTimeUtc(_metrics, time.GetUtcNow().UtcDateTime);
        await time.RunAsync(events.Next("metrics resumed"), WatchEvery, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await watch;

        var incidents = engine.Records;
        incidents.Select(r => r.Kind).Should().Equal("metricsMissing", "metricsResumed");

        // Exactly five seconds old is not yet a gap: the first poll after it is.
        incidents[0].StartSeconds.Should().Be(5.5);
        incidents[0].Note.Should().Be("replicator metrics stopped: nothing written for 6s while the process runs");

        // The gap counts from the last write before it, which was at the start of this clock.
        incidents[1].StartSeconds.Should().BeGreaterThan(5.5);
        incidents[1].Note.Should().Be($"replicator metrics resumed after a gap of {incidents[1].StartSeconds:0}s");

        // The gap the health check counts runs from the last write to the resumption.
        engine.Gaps.Should().Equal((0d, incidents[1].StartSeconds));
    }

    [Test]
    public async Task Metrics_written_within_five_seconds_are_no_gap()
    {
        var time = new SteppedClock();
        var events = new EventLog();
        var polls = 0;
        var minute = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        File.SetLastWriteTimeUtc(_metrics, time.GetUtcNow().UtcDateTime);

        // The replicator writes its metrics every 4.5s, so the file is never older than the gap allows.
        var replicator = new ScriptedReplicator(new MetricsFileSource(_metrics), polled: () =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (now - File.GetLastWriteTimeUtc(_metrics) >= TimeSpan.FromSeconds(4.5))
            {
                File.SetLastWriteTimeUtc(_metrics, now);
            }

            if (++polls == 120)
            {
                minute.TrySetResult(polls);
            }
        });
        var engine = new ChaosEngine([], FaultContexts.On(new RunClock(time), replicator, events), new LoadCounters());
        using var stop = new CancellationTokenSource();
        var watch = engine.WatchAsync(stop.Token);

        await time.RunAsync(minute.Task, WatchEvery, TimeSpan.FromSeconds(90));
        await stop.CancelAsync();
        await watch;

        engine.Records.Should().BeEmpty();
        events.Events.Should().BeEmpty();
    }

    [Test]
    public async Task An_endpoint_that_never_answers_is_reported_once_naming_it()
    {
        var time = new SteppedClock();
        var events = new EventLog();
        var endpoint = new ScriptedEndpoint { Answering = false };
        var scraper = new PrometheusScraper(new Uri("http://127.0.0.1:9404/metrics"), () => endpoint);
        var engine = new ChaosEngine([], FaultContexts.On(new RunClock(time), new ScriptedReplicator(scraper), events), new LoadCounters());
        using var stop = new CancellationTokenSource();
        var watch = engine.WatchAsync(stop.Token);

        await time.RunAsync(events.Next("never answered"), WatchEvery, TimeSpan.FromSeconds(40));
        time.Advance(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await watch;

        var incident = engine.Records.Should().ContainSingle().Which;
        incident.Kind.Should().Be("metricsMissing");
        incident.StartSeconds.Should().BeGreaterThan(30);
        incident.Note.Should().Be("no replicator metrics 30s into the run: http://127.0.0.1:9404/metrics never answered; check replicator.metrics");
    }

    [Test]
    public async Task A_scraped_endpoint_that_stops_answering_is_a_gap_and_answering_again_ends_it()
    {
        var time = new SteppedClock();
        var events = new EventLog();
        var endpoint = new ScriptedEndpoint();
        var scraper = new PrometheusScraper(new Uri("http://127.0.0.1:9404/metrics"), () => endpoint);
        var engine = new ChaosEngine([], FaultContexts.On(new RunClock(time), new ScriptedReplicator(scraper), events), new LoadCounters());
        using var stop = new CancellationTokenSource();
        var scraping = scraper.RunAsync(time, TimeSpan.FromSeconds(1), stop.Token);
        SpinWait.SpinUntil(() => scraper.LastSampleUtc is not null, TimeSpan.FromSeconds(10)).Should().BeTrue("the first scrape does not wait for the clock");
        endpoint.Answering = false;
        var watch = engine.WatchAsync(stop.Token);

        await time.RunAsync(events.Next("metrics stopped"), WatchEvery, TimeSpan.FromSeconds(30));
        endpoint.Answering = true;
        await time.RunAsync(events.Next("metrics resumed"), WatchEvery, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await Task.WhenAll(watch, scraping);

        var incidents = engine.Records;
        incidents.Select(r => r.Kind).Should().Equal("metricsMissing", "metricsResumed");
        incidents[0].StartSeconds.Should().BeGreaterThan(5, "five seconds without a sample is not yet a gap");
        incidents[0].Note.Should().StartWith("replicator metrics stopped");
        incidents[1].StartSeconds.Should().BeGreaterThan(incidents[0].StartSeconds!.Value);
    }

    [Test]
    public async Task A_restarted_replicator_has_the_start_up_allowance_before_its_first_sample_is_a_gap()
    {
        var time = new SteppedClock();
        var events = new EventLog();
        var start = time.GetUtcNow().UtcDateTime;
        File.SetLastWriteTimeUtc(_metrics, start);
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        ScriptedReplicator? replicator = null;
        var crashed = false;

        // It crashes at 3 s; restarted at once, it writes its first metrics 8 s later (a JVM's start), then every second.
        replicator = new ScriptedReplicator(new MetricsFileSource(_metrics), polled: () =>
        {
            var elapsed = time.GetUtcNow().UtcDateTime - start;
            if (!crashed && elapsed >= TimeSpan.FromSeconds(3))
            {
                crashed = true;
                replicator!.Kill();
            }

            if (elapsed >= TimeSpan.FromSeconds(11.5))
            {
                File.SetLastWriteTimeUtc(_metrics, time.GetUtcNow().UtcDateTime);
            }

            if (elapsed >= TimeSpan.FromSeconds(25))
            {
                done.TrySetResult(0);
            }
        });
        var restart = new ScheduledFault(new RecordingFault("f1"), FaultTrigger.AtTime(TimeSpan.FromHours(1)), null, RestartReplicatorOnFailure: true);
        var engine = new ChaosEngine([restart], FaultContexts.On(new RunClock(time), replicator, events), new LoadCounters());
        using var stop = new CancellationTokenSource();
        var watch = engine.WatchAsync(stop.Token);

        await time.RunAsync(done.Task, WatchEvery, TimeSpan.FromSeconds(40));
        await stop.CancelAsync();
        await watch;

        engine.Records.Select(r => r.Kind).Should().Equal(["replicatorExit", "replicatorRestart"], "the sample its previous life wrote is no gap of the new one");
        engine.Gaps.Should().BeEmpty();
    }

    [Test]
    public async Task A_longer_metricsGap_lets_a_six_second_silence_pass()
    {
        var time = new SteppedClock();
        var events = new EventLog();
        var start = time.GetUtcNow().UtcDateTime;
        File.SetLastWriteTimeUtc(_metrics, start);
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Silent for the first 6 s, then written every second: a gap under the default 5 s, none under 10 s.
        var replicator = new ScriptedReplicator(new MetricsFileSource(_metrics), polled: () =>
        {
            var elapsed = time.GetUtcNow().UtcDateTime - start;
            if (elapsed >= TimeSpan.FromSeconds(6))
            {
                File.SetLastWriteTimeUtc(_metrics, time.GetUtcNow().UtcDateTime);
            }

            if (elapsed >= TimeSpan.FromSeconds(15))
            {
                done.TrySetResult(0);
            }
        });
        var engine = new ChaosEngine([], FaultContexts.On(new RunClock(time), replicator, events), new LoadCounters(), metricsGap: TimeSpan.FromSeconds(10));
        using var stop = new CancellationTokenSource();
        var watch = engine.WatchAsync(stop.Token);

        await time.RunAsync(done.Task, WatchEvery, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await watch;

        engine.Gaps.Should().BeEmpty();
        engine.Records.Should().BeEmpty();
    }
}
