using Harness.Reports.Compare;
using Harness.Reports.Model;

namespace Harness.Reports.Tests.Compare;

public sealed class RunComparisonTests
{
    [Test]
    public void Equal_runs_have_no_regressions_and_no_change()
    {
        var comparison = RunComparison.Create(ComparisonRuns.Label(ComparisonRuns.Baseline(), ComparisonRuns.Baseline()));

        comparison.Regressions.Should().BeEmpty();
        comparison.Rows.Select(r => r.Metric.Name).Should().Equal(
            "throughput", "latency p50", "latency p95", "latency p99", "latency max", "checkpoint latency p99", "peak lag", "peak lag time", "duplicates", "lost",
            "replicator crashes", "metric gaps", "slowest fault recovery", "faults not recovered", "most duplicates from one fault", "service-level checks failed", "duration");
        comparison.Rows.Should().OnlyContain(r => r.Deltas.Count == 2 && (r.Deltas[1].Change == 0 || (r.Deltas[0].Value == null && r.Deltas[1].Change == null)), "a figure neither run measured has no change either");
    }

    [Test]
    public void Injected_regressions_are_flagged_with_the_run_and_the_figure()
    {
        var comparison = RunComparison.Create(ComparisonRuns.Label(ComparisonRuns.Baseline(), ComparisonRuns.Regressed()));

        comparison.Regressions.Select(r => (r.Run.Label, r.Metric.Name)).Should().Equal(("run-b", "latency p99"), ("run-b", "duplicates"));
        var p99 = comparison.Regressions[0].Delta;
        p99.Baseline.Should().Be(97.75);
        p99.Value.Should().Be(146.625);
        p99.Change.Should().BeApproximately(0.5, 1e-9);
    }

    [Test]
    public void A_crash_a_slower_recovery_and_a_broken_service_level_are_regressions()
    {
        var fault = new FaultEntry { Id = "f1", Kind = "killBroker", StartSeconds = 10, EndSeconds = 12, RecoverySeconds = 2, Duplicates = 0 };
        var baseline = ComparisonRuns.Baseline() with
        {
            ReplicatorHealth = new ReplicatorHealth(),
            Faults = [fault],
            Checks = [new CheckResult { Name = "replicator crashes", Passed = true }, new CheckResult { Name = "fault f1 killBroker recovered", Passed = true }],
        };
        var worse = baseline with
        {
            ReplicatorHealth = new ReplicatorHealth { Crashes = 1, Restarts = 1 },
            Faults = [fault with { RecoverySeconds = 9 }],
            Checks = [new CheckResult { Name = "replicator crashes", Passed = false }, new CheckResult { Name = "fault f1 killBroker recovered", Passed = true }],
        };

        var comparison = RunComparison.Create(ComparisonRuns.Label(baseline, worse));

        comparison.Regressions.Select(r => r.Metric.Name).Should().Equal("replicator crashes", "slowest fault recovery", "service-level checks failed");
        var unrecovered = RunComparison.Create(ComparisonRuns.Label(baseline, baseline with { Faults = [fault with { RecoverySeconds = null }] }));
        unrecovered.Regressions.Select(r => r.Metric.Name).Should().Equal("faults not recovered");
    }

    [Test]
    public void Computes_each_figure_from_the_run()
    {
        var run = ComparisonRuns.Baseline();
        var comparison = RunComparison.Create(ComparisonRuns.Label(run, run));

        var values = comparison.Rows.ToDictionary(r => r.Metric.Name, r => r.Deltas[0].Value);

        values["throughput"].Should().BeApproximately(134_456 / 125.25, 1e-9, "produced records over the run's duration");
        values["latency p50"].Should().Be(12.5);
        values["latency p99"].Should().Be(97.75);
        values["peak lag"].Should().Be(4_200);
        values["peak lag time"].Should().Be(15_000);
        values["duplicates"].Should().Be(3);
        values["lost"].Should().Be(0);
        values["duration"].Should().Be(125.25);
    }

    [Test]
    public void Lower_throughput_is_a_regression_but_a_longer_duration_alone_is_not()
    {
        var baseline = ComparisonRuns.Baseline();
        var slower = baseline with { Duration = baseline.Duration * 2 };

        var comparison = RunComparison.Create(ComparisonRuns.Label(baseline, slower));

        comparison.Regressions.Select(r => r.Metric.Name).Should().Equal("throughput");
        comparison.Rows.Single(r => r.Metric.Name == "duration").Deltas[1].Change.Should().Be(1);
        var faster = RunComparison.Create(ComparisonRuns.Label(slower, baseline));
        faster.Regressions.Should().BeEmpty();
        faster.Rows.Single(r => r.Metric.Name == "throughput").Deltas[1].IsImprovement.Should().BeTrue();
    }

    [TestCase(104.0, 0.05, false)]
    [TestCase(106.0, 0.05, true)]
    [TestCase(106.0, 0.10, false)]
    [TestCase(111.0, 0.10, true)]
    [TestCase(100.5, 0.0, true)]
    [TestCase(100.0, 0.0, false)]
    [TestCase(80.0, 0.10, false)]
    public void Only_changes_beyond_the_threshold_count(double p99, double threshold, bool regressed)
    {
        var baseline = ComparisonRuns.Baseline() with { Latency = new LatencySummary { P50Ms = 10, P99Ms = 100 } };
        var changed = baseline with { Latency = baseline.Latency with { P99Ms = p99 } };

        var comparison = RunComparison.Create(ComparisonRuns.Label(baseline, changed), threshold);

        comparison.Regressions.Any(r => r.Metric.Name == "latency p99").Should().Be(regressed);
    }

    [Test]
    public void From_zero_to_some_is_beyond_any_threshold()
    {
        var baseline = ComparisonRuns.Baseline();
        var lossy = baseline with { Parity = [.. baseline.Parity.Select((p, i) => i == 2 ? p with { Lost = 1 } : p)] };

        var comparison = RunComparison.Create(ComparisonRuns.Label(baseline, lossy), threshold: 100);

        var lost = comparison.Regressions.Should().ContainSingle().Which;
        lost.Metric.Name.Should().Be("lost");
        lost.Delta.Change.Should().Be(double.PositiveInfinity);
        ComparisonText.Change(lost.Delta).Should().Be("from 0");
    }

    [Test]
    public void A_figure_either_run_lacks_is_shown_but_not_compared()
    {
        var baseline = ComparisonRuns.Baseline();
        var unmeasured = baseline with { Latency = null, TimeSeries = TimeSeries.Empty };

        var comparison = RunComparison.Create(ComparisonRuns.Label(baseline, unmeasured), threshold: 0);

        comparison.Regressions.Should().BeEmpty();
        var p99 = comparison.Rows.Single(r => r.Metric.Name == "latency p99").Deltas[1];
        p99.Value.Should().BeNull();
        p99.Change.Should().BeNull();
        ComparisonText.Change(p99).Should().Be("n/a");
        comparison.Rows.Single(r => r.Metric.Name == "peak lag").Deltas[1].Value.Should().BeNull();
    }

    [Test]
    public void Every_later_run_is_compared_with_the_first()
    {
        var comparison = RunComparison.Create(
            ComparisonRuns.Label(ComparisonRuns.Baseline(), ComparisonRuns.Baseline(), ComparisonRuns.Regressed()));

        comparison.Baseline.Label.Should().Be("run-a");
        comparison.Regressions.Should().OnlyContain(r => r.Run.Label == "run-c").And.HaveCount(2);
    }

    [Test]
    public void Needs_two_runs_and_a_threshold_of_zero_or_more()
    {
        var one = () => RunComparison.Create(ComparisonRuns.Label(ComparisonRuns.Baseline()));
        var negative = () => RunComparison.Create(ComparisonRuns.Label(ComparisonRuns.Baseline(), ComparisonRuns.Baseline()), -0.1);

        one.Should().Throw<ArgumentException>();
        negative.Should().Throw<ArgumentOutOfRangeException>();
    }

    [TestCase("10%", 0.10)]
    [TestCase("10", 0.10)]
    [TestCase(" 2.5 % ", 0.025)]
    [TestCase("0%", 0.0)]
    [TestCase("150%", 1.5)]
    public void Thresholds_read_as_percentages(string text, double expected)
    {
        RegressionThreshold.TryParse(text, out var threshold).Should().BeTrue();
        threshold.Should().BeApproximately(expected, 1e-12);
    }

    [TestCase("")]
    [TestCase("%")]
    [TestCase("-5%")]
    [TestCase("ten")]
    [TestCase("10%%")]
    [TestCase("1e3")]
    [TestCase("10,5%")]
    public void Thresholds_that_are_not_percentages_are_refused(string text) =>
        RegressionThreshold.TryParse(text, out _).Should().BeFalse();
}
