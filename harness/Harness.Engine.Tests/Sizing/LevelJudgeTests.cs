using Harness.Engine.Sizing;
using Harness.Reports.Model;

namespace Harness.Engine.Tests.Sizing;

public sealed class LevelJudgeTests
{
    private static readonly LevelJudge Judge = new(TimeSpan.FromSeconds(2), 0.05);

    [Test]
    public void A_level_that_keeps_up_passes_and_its_figures_come_from_the_plateau_only()
    {
        // Warm-up at 50/s for 2 s, plateau at 1,000/s for 6 s, then the drain.
        var result = Run(Samples(warmUp: 2, plateau: 6, rate: 1000, replicated: 1000, lagGrowth: 0, p99: 300));

        var level = Judge.Judge(result, 1, 1000, 500, "levels/x1");

        level.Passed.Should().BeTrue(level.Reason);
        level.ProduceRecordsPerSecond.Should().Be(1000);
        level.ReplicateRecordsPerSecond.Should().Be(1000);
        level.ReplicateMegabytesPerSecond.Should().Be(0.5);
        level.LatencyP99Ms.Should().Be(300, "the start-up spike of the first plateau sample is left out");
        level.LagSlopeRecordsPerSecond.Should().Be(0);
    }

    [Test]
    public void Lag_growing_faster_than_the_allowed_share_of_the_offered_rate_fails()
    {
        var level = Judge.Judge(Run(Samples(2, 6, 1000, 900, lagGrowth: 100, p99: 300)), 1, 1000, 500, null);

        level.Passed.Should().BeFalse();
        level.LagSlopeRecordsPerSecond.Should().Be(100);
        level.Reason.Should().Be("lag grew 100 records/s (over 5% of the offered rate)");
    }

    [Test]
    public void Latency_over_the_slo_fails_and_so_does_a_load_generator_that_fell_short()
    {
        Judge.Judge(Run(Samples(2, 6, 1000, 1000, 0, p99: 2500)), 1, 1000, 500, null).Reason
            .Should().Be("latency p99 2500 ms over the SLO of 2000 ms");
        var shortLoad = Judge.Judge(Run(Samples(2, 6, 800, 800, 0, p99: 300)), 1, 1000, 500, null);
        shortLoad.Reason.Should().Be("the load generator delivered 800 of 1000 records/s");
        shortLoad.LoadGeneratorLimited.Should().BeTrue("such a level says nothing about the replicator");
        Judge.Judge(Run(Samples(2, 6, 1000, 1000, 0, p99: 2500)), 1, 1000, 500, null).LoadGeneratorLimited.Should().BeFalse();
    }

    [Test]
    public void The_lag_slope_is_least_squares()
    {
        IReadOnlyList<MetricSample> samples = [Sample(0, 0, 0, 100), Sample(1, 0, 0, 300), Sample(2, 0, 0, 200), Sample(3, 0, 0, 400)];

        LevelJudge.Slope(samples).Should().BeApproximately(80, 1e-9);
    }

    private static RunResult Run(IReadOnlyList<MetricSample> samples) => new()
    {
        RunId = "r",
        Scenario = new ScenarioInfo { Name = "s" },
        StartedUtc = DateTimeOffset.UnixEpoch,
        FinishedUtc = DateTimeOffset.UnixEpoch,
        Duration = TimeSpan.FromSeconds(10),
        Verdict = Verdict.Passed,
        Environment = new RunEnvironment
        {
            MachineName = "m",
            OperatingSystem = "linux",
            DotNetVersion = "10",
            HarnessVersion = "test",
            SourceClusterBackend = "embedded",
            TargetClusterBackend = "embedded",
            ReplicatorKind = "builtin",
        },
        TimeSeries = new TimeSeries { Samples = samples },
    };

    private static List<MetricSample> Samples(int warmUp, int plateau, double rate, double replicated, double lagGrowth, double p99)
    {
        var samples = new List<MetricSample>();
        var t = 0;
        for (; t < warmUp; t++)
        {
            samples.Add(Sample(t, 50, 50, 0, 100));
        }

        for (var i = 0; i < plateau; i++, t++)
        {
            // The first plateau second carries the start-up spike, the last one is cut short by the end of the load.
            samples.Add(Sample(t, i == plateau - 1 ? rate / 3 : rate, replicated, (long)(lagGrowth * i), i == 0 ? 9000 : p99));
        }

        samples.Add(Sample(t, 0, replicated, 0, 100));
        return samples;
    }

    private static MetricSample Sample(double at, double produce, double replicate, long lag, double? p99 = null) => new()
    {
        OffsetSeconds = at,
        ProduceRate = produce,
        ReplicateRate = replicate,
        LagRecords = lag,
        LatencyP50Ms = p99 / 2,
        LatencyP99Ms = p99,
    };
}
