using Harness.Engine.Orchestration;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Orchestration;

public sealed class HealthChecksTests
{
    private static readonly FaultRecord[] ThreeCrashes =
    [
        new("f1", "heapPressure", "replicator", 5, 20, "recovered after 15s"),
        new("w1", "replicatorExit", "replicator", 7.2, null, "the replicator crashed (exit code 134; out of memory or killed) without a fault asking for it"),
        new("w2", "replicatorRestart", "replicator", 7.2, null, "restarted"),
        new("w3", "replicatorExit", "replicator", 9.9, null, "crashed"),
        new("w4", "replicatorRestart", "replicator", 9.9, null, "restarted"),
        new("w5", "replicatorExit", "replicator", 12.1, null, "crashed"),
        new("w6", "replicatorRestart", "replicator", 12.1, null, "restarted"),
    ];

    [Test]
    public void Crashes_no_fault_asked_for_fail_by_default_and_pass_when_declared()
    {
        var (checks, health) = HealthChecks.Evaluate(ReplicatorHealthExpectation.Default, ThreeCrashes, [], hasMetrics: true, watchEnd: 40);

        var crashes = checks.Single(c => c.Name == "replicator crashes");
        crashes.Passed.Should().BeFalse();
        crashes.Measured.Should().Be("3 unplanned exits (at 7.2s, 9.9s, 12.1s), 3 restarts");
        crashes.Message.Should().Contain("more than the 0 allowed").And.Contain("declares expect.replicator.crashes");
        health.Should().Be(new Reports.Model.ReplicatorHealth { Crashes = 3, Restarts = 3, MetricGaps = 0, LongestGapSeconds = 0 });

        var (declared, _) = HealthChecks.Evaluate(new ReplicatorHealthExpectation { Crashes = 3 }, ThreeCrashes, [], hasMetrics: true, watchEnd: 40);
        declared.Should().OnlyContain(c => c.Passed);
        declared.Single(c => c.Name == "replicator crashes").Expected.Should().Be("<= 3 (expect.replicator.crashes)");
    }

    [Test]
    public void A_metrics_gap_fails_unless_tolerated_and_a_gap_longer_than_maxGap_fails_even_then()
    {
        (double, double?)[] gaps = [(10, 18.5), (30, null)];

        var (strict, health) = HealthChecks.Evaluate(ReplicatorHealthExpectation.Default, [], gaps, hasMetrics: true, watchEnd: 42);
        var check = strict.Single(c => c.Name == "replicator metric gaps");
        check.Passed.Should().BeFalse();
        check.Measured.Should().Be("2 gaps (from 10.0s, 8.5s long, from 30.0s, 12.0s long to the end)");
        health.LongestGapSeconds.Should().Be(12);

        var (tolerated, _) = HealthChecks.Evaluate(new ReplicatorHealthExpectation { MetricGaps = 2 }, [], gaps, hasMetrics: true, watchEnd: 42);
        tolerated.Single(c => c.Name == "replicator metric gaps").Passed.Should().BeTrue();

        var (tooLong, _) = HealthChecks.Evaluate(new ReplicatorHealthExpectation { MetricGaps = 2, MaxGap = TimeSpan.FromSeconds(10) }, [], gaps, hasMetrics: true, watchEnd: 42);
        var bounded = tooLong.Single(c => c.Name == "replicator metric gaps");
        bounded.Passed.Should().BeFalse();
        bounded.Message.Should().StartWith("1 metric gap lasted longer than the 10.0s allowed");
    }

    [Test]
    public void A_healthy_replicator_passes_both_checks_and_one_without_metrics_says_so()
    {
        var (checks, _) = HealthChecks.Evaluate(ReplicatorHealthExpectation.Default, [new("f1", "killBroker", "source/broker-1", 3, 5, "recovered after 2s")], [], hasMetrics: false, watchEnd: 20);

        checks.Select(c => (c.Name, c.Passed)).Should().Equal(("replicator crashes", true), ("replicator metric gaps", true));
        checks[1].Measured.Should().Be("the replicator exposes no metrics");
    }
}
