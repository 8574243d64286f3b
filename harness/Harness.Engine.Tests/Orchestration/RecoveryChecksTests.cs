using Harness.Engine.Chaos;
using Harness.Engine.Orchestration;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Reports.Model;

namespace Harness.Engine.Tests.Orchestration;

public sealed class RecoveryChecksTests
{
    // Lag 200 before a fault from 10 s to 15 s, peaking at 9,000, flowing again 1 s after its end and back at its
    // earlier level 4 s after it.
    private static readonly MetricSample[] Samples =
    [
        Sample(9, 200, 1000), Sample(10, 200, 1000), Sample(12, 5000, 0), Sample(15, 9000, 0), Sample(16, 7000, 3000),
        Sample(17, 3000, 4000), Sample(18, 800, 3000), Sample(19, 210, 1000), Sample(20, 200, 1000),
    ];

    private static readonly FaultRecord Kill = new("f1", "killBroker", "source/broker-1", 10, 15, "recovered after 5s");

    [Test]
    public void Recovery_is_when_records_flow_and_lag_is_back_to_its_earlier_level()
    {
        var recovery = FaultRecovery.Measure(Kill, Samples, [11, 16, 80])!;

        recovery.LagBefore.Should().Be(200);
        recovery.LagPeak.Should().Be(9000);
        recovery.FlowingAfter.Should().Be(1);
        recovery.LagBackAfter.Should().Be(4, "210 is within 10 % (or 100 records) of 200; 800 is not");
        recovery.RecoveredAfter.Should().Be(4);
        recovery.Duplicates.Should().Be(2, "the duplicate at 80 s was read more than 60 s after the fault ended");
    }

    [Test]
    public void A_fault_replication_had_already_recovered_from_before_it_ended_recovered_at_once()
    {
        // Leaders failed over at once: lag never left its level, so the recovery is 0, not the next sample's distance.
        MetricSample[] steady = [Sample(9, 30, 4000), Sample(10, 30, 4000), Sample(14.7, 40, 4000), Sample(15.7, 30, 4000)];

        var recovery = FaultRecovery.Measure(Kill, steady, [])!;

        recovery.RecoveredAfter.Should().Be(0);
        recovery.LagPeak.Should().Be(40);
    }

    [Test]
    public void A_bound_shorter_than_the_recovery_fails_and_a_longer_one_passes()
    {
        var faults = new Dictionary<string, TimeSpan?> { ["f1"] = null };

        var tight = RecoveryChecks.Evaluate(new RecoveryExpectation { Within = TimeSpan.FromSeconds(1) }, faults, [Kill], Samples, []).Single();
        tight.Name.Should().Be("fault f1 killBroker recovered");
        tight.Passed.Should().BeFalse();
        tight.Message.Should().Be("replication took 4.0s to recover after f1 killBroker ended, more than the 1.0s allowed");
        tight.Measured.Should().Be("replication flowing 1.0s, lag back to 200 (+10%) 4.0s after it ended (peak 9,000)");

        RecoveryChecks.Evaluate(new RecoveryExpectation { Within = TimeSpan.FromSeconds(30) }, faults, [Kill], Samples, []).Single().Passed.Should().BeTrue();
    }

    [Test]
    public void A_faults_own_bound_wins_over_the_scenarios_and_incidents_get_no_check()
    {
        var faults = new Dictionary<string, TimeSpan?> { ["f1"] = TimeSpan.FromSeconds(2) };
        var incident = new FaultRecord("w1", "replicatorExit", "replicator", 12, null, "crashed");

        var checks = RecoveryChecks.Evaluate(new RecoveryExpectation { Within = TimeSpan.FromSeconds(30) }, faults, [Kill, incident], Samples, []);

        checks.Should().ContainSingle().Which.Expected.Should().Be("within 2.0s of its end");
        checks[0].Passed.Should().BeFalse();
        RecoveryChecks.Evaluate(RecoveryExpectation.None, new Dictionary<string, TimeSpan?> { ["f1"] = null }, [Kill], Samples, []).Should().BeEmpty();
    }

    [Test]
    public void Lag_that_never_comes_back_fails_the_bound_and_duplicates_per_fault_are_bounded()
    {
        MetricSample[] stuck = [Sample(9, 0, 1000), Sample(10, 0, 1000), Sample(16, 5000, 0), Sample(20, 5000, 0)];
        var faults = new Dictionary<string, TimeSpan?> { ["f1"] = null };

        var checks = RecoveryChecks.Evaluate(new RecoveryExpectation { Within = TimeSpan.FromSeconds(30), DuplicatesPerFault = 1 }, faults, [Kill], stuck, [11, 12]);

        checks.Select(c => (c.Name, c.Passed)).Should().Equal(("fault f1 killBroker recovered", false), ("fault f1 killBroker duplicates", false));
        checks[0].Message.Should().Be("replication did not recover within the run after f1 killBroker ended");
        checks[1].Measured.Should().StartWith("2 read between its start");
    }

    private static MetricSample Sample(double at, long lag, double rate) => new() { OffsetSeconds = at, LagRecords = lag, ReplicateRate = rate, ProduceRate = 1000 };
}
