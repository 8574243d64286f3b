using Harness.Engine.Orchestration;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Engine.Verification;
using Harness.Reports.Model;

namespace Harness.Engine.Tests.Orchestration;

public sealed class LatencyChecksTests
{
    private static readonly IReadOnlyList<(string Name, TopicVolume? Volume)> Topics = [("orders", TopicVolume.High), ("audit", TopicVolume.Low)];

    [Test]
    public void A_stall_fails_latency_p99_and_names_the_fault_that_was_active_in_the_worst_window()
    {
        var latency = new LatencyRecorder();
        for (var i = 0; i < 900; i++)
        {
            latency.Record(0, 20);
        }

        for (var i = 0; i < 100; i++)
        {
            latency.Record(0, 15_000);
        }

        MetricSample[] samples = [Sample(10, 20), Sample(11, 20), Sample(27, 15_000), Sample(28, 40)];
        FaultRecord[] faults = [new("f1", "pauseReplicator", "replicator", 11.5, 26.5, "recovered after 15s"), new("f2", "killBroker", "source/broker-1", 40, 42, "")];
        var expect = new ExpectSpec { Latency = new LatencyExpectation { Overall = new LatencyBounds { P50 = TimeSpan.FromMilliseconds(200), P99 = TimeSpan.FromSeconds(2) } } };

        var (checks, bounds) = LatencyChecks.Evaluate(expect, latency, Topics, samples, faults);

        checks.Select(c => (c.Name, c.Passed)).Should().Equal(("latency p50", true), ("latency p99", false));
        checks[1].Measured.Should().Be("15,007 ms over 1,000 records");
        checks[1].Expected.Should().Be("<= 2,000 ms");
        checks[1].Message.Should().Be("p99 15,007 ms is over the 2,000 ms bound; the worst window was 11.0-27.0s into the run (p99 15,000 ms), during f1 pauseReplicator (11.5-26.5s)");
        bounds.Select(b => (b.Check, b.Statistic, b.BoundMs, b.Passed)).Should().Equal(("latency p50", "p50", 200d, true), ("latency p99", "p99", 2000d, false));

        var (unbounded, none) = LatencyChecks.Evaluate(ExpectSpec.Default, latency, Topics, samples, faults);
        unbounded.Should().BeEmpty("without a bound the same latency is only reported");
        none.Should().BeEmpty();
    }

    [Test]
    public void Bounds_per_topic_and_per_volume_judge_only_their_records()
    {
        var latency = new LatencyRecorder();
        latency.Record(0, 50);
        latency.Record(1, 5_000);
        var expect = new ExpectSpec
        {
            Latency = new LatencyExpectation
            {
                ByTopic = new Dictionary<string, LatencyBounds> { ["orders"] = new() { Max = TimeSpan.FromMilliseconds(100) } },
                ByVolume = new Dictionary<TopicVolume, LatencyBounds> { [TopicVolume.Low] = new() { Max = TimeSpan.FromSeconds(1) } },
            },
        };

        var (checks, bounds) = LatencyChecks.Evaluate(expect, latency, Topics, [], []);

        checks.Select(c => (c.Name, c.Passed)).Should().Equal(("latency max (topic orders)", true), ("latency max (volume low)", false));
        checks[1].Message.Should().Be("max 5,003 ms is over the 1,000 ms bound", "the histogram keeps three significant digits");
        bounds.Select(b => b.Scope).Should().Equal("topic orders", "volume low");
    }

    [Test]
    public void Checkpoint_latency_is_judged_over_every_committed_group_partition()
    {
        var covered = new Dictionary<(string, string, int), TimeSpan>
        {
            [("g", "orders", 0)] = TimeSpan.FromSeconds(3),
            [("g", "orders", 1)] = TimeSpan.FromSeconds(6),
        };

        var (checks, bounds) = LatencyChecks.EvaluateCheckpoints(new LatencyBounds { P50 = TimeSpan.FromSeconds(5), Max = TimeSpan.FromSeconds(5) }, 2, covered);
        checks.Select(c => (c.Name, c.Passed, c.Measured)).Should().Equal(
            ("checkpoint latency p50", true, "3,000 ms over 2 group partitions"), ("checkpoint latency max", false, "6,000 ms over 2 group partitions"));
        bounds.Should().OnlyContain(b => b.Metric == "checkpointLatency");

        var (uncovered, _) = LatencyChecks.EvaluateCheckpoints(new LatencyBounds { Max = TimeSpan.FromMinutes(5) }, 3, covered);
        uncovered.Single().Passed.Should().BeFalse();
        uncovered.Single().Measured.Should().Be("1 of 3 group partitions were never covered by a checkpoint");
    }

    private static MetricSample Sample(double at, double p99) => new() { OffsetSeconds = at, LatencyP50Ms = Math.Min(p99, 20), LatencyP99Ms = p99 };
}
