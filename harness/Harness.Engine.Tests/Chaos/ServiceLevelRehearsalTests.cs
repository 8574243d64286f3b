using Harness.Reports.Model;

namespace Harness.Engine.Tests.Chaos;

/// <summary>
/// The service-level checks on whole runs with embedded clusters and the built-in replicator: a stalled replicator
/// fails a latency bound with the stall named, heap-pressure crashes fail a run unless declared, and recovery bounds
/// on a broker kill fail when tight and pass when loose.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[Category("Integration")]
public sealed class ServiceLevelRehearsalTests
{
    private static readonly string ScenariosFolder = Path.Combine(RepositoryRoot(AppContext.BaseDirectory), "scenarios");

    [Test]
    public async Task A_replicator_stalled_for_15s_under_load_fails_latency_p99_with_the_stall_named()
    {
        var outcome = await RehearsalRunner.RunAsync("""
            name: stall
            seed: 5
            topics:
              - name: events
                partitions: 4
                rate: 2000
                records: 50_000
                size: 200
            replicator:
              kind: builtin
              policy: identity
              grace: 5s
              properties: {offset.flush.interval.ms: "100"}
            faults:
              - at: 3s
                for: 15s
                pauseReplicator: {}
            expect:
              duplicates: {max: 20%}
              latency: {p99: 2s}
            """);

        var result = outcome.Result;
        var failed = result.Checks.Where(c => !c.Passed).ToList();

        // Only the bound fails: the same run without it passes.
        failed.Select(c => c.Name).Should().Equal(["latency p99"], string.Join("; ", failed.Select(c => $"{c.Name}: {c.Measured} {c.Message}")));
        failed[0].Message.Should().Contain("is over the 2,000 ms bound; the worst window was").And.Contain("during f1 pauseReplicator");
        result.Latency!.P99Ms.Should().BeGreaterThan(10_000, "records produced during the 15 s stall waited for it");
        result.ServiceLevels.Should().ContainSingle(l => l.Check == "latency p99" && !l.Passed && l.BoundMs == 2000);
        result.Checks.Should().Contain(c => c.Name == "replicator crashes" && c.Passed, "a pause a fault asked for is no crash");
        result.Checks.Should().Contain(c => c.Name == "replicator metric gaps" && c.Passed, "nor is it a metrics gap");
        TestContext.Out.WriteLine($"stall: latency p99 {result.Latency.P99Ms} ms, max {result.Latency.MaxMs} ms; {failed[0].Message}");
    }

    [Test]
    public async Task The_heap_pressure_scenario_passes_with_its_crashes_declared()
    {
        var outcome = await RehearsalRunner.RunAsync(await File.ReadAllTextAsync(Path.Combine(ScenariosFolder, "heap-pressure.yaml")));

        var result = outcome.Result;
        result.Verdict.Should().Be(Verdict.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Measured}")));
        result.ReplicatorHealth!.Crashes.Should().BeGreaterThan(0, "the scenario crashes the replicator");
        result.ReplicatorHealth.Restarts.Should().Be(result.ReplicatorHealth.Crashes);
        TestContext.Out.WriteLine($"heap-pressure: {result.Checks.Single(c => c.Name == "replicator crashes").Measured}");
    }

    [Test]
    public async Task The_heap_pressure_scenario_fails_on_its_crashes_when_it_does_not_declare_them()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(ScenariosFolder, "heap-pressure.yaml"));
        var undeclared = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("replicator: {crashes", StringComparison.Ordinal)));
        undeclared.Should().NotContain("crashes:", "the declaration is removed");

        var result = (await RehearsalRunner.RunAsync(undeclared)).Result;

        result.Verdict.Should().Be(Verdict.Failed);
        var crashes = result.Checks.Where(c => !c.Passed).Should().ContainSingle().Which;
        crashes.Name.Should().Be("replicator crashes");
        crashes.Measured.Should().MatchRegex(@"^\d+ unplanned exits? \(at .+\), \d+ restarts?$");
        crashes.Message.Should().Contain("without a fault asking for it");
    }

    // Killing one target broker, or the leader of a source partition, leaves replication back at its level within a
    // second (leaders fail over; the backlog is copied within one sample). Killing two of the target's three brokers
    // under 8,000 records/s stops every write for 10 s: a backlog of some 50,000 records that took 0.95 to 3.6 s to
    // catch up when measured (the faster the machine, the shorter), so a 200 ms bound fails and a 30 s one passes.
    // Alone: beside another run the replicator falls behind before the fault, and the level it must get back to is
    // no longer a steady state.
    [TestCase(0.2, false)]
    [TestCase(30, true)]
    [NonParallelizable]
    public async Task A_broker_kill_fails_a_tight_recovery_bound_and_passes_a_loose_one(double within, bool passes)
    {
        var result = (await RehearsalRunner.RunAsync($$"""
            name: target-broker-kill-backlog
            seed: 12
            topics:
              - name: orders
                partitions: 6
                rate: 8000
                records: 200_000
                size: 300
            replicator: {kind: builtin, policy: default}
            faults:
              - at: 6s
                for: 10s
                killBroker: {side: target, broker: 2}
              - at: 6s
                for: 10s
                killBroker: {side: target, broker: 3}
            expect:
              duplicates: {max: 1%}
              recovery: {within: {{(within * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)}}ms}
            """)).Result;

        var recoveries = result.Checks.Where(c => c.Name.EndsWith(" killBroker recovered", StringComparison.Ordinal)).ToList();
        recoveries.Select(c => c.Name).Should().BeEquivalentTo("fault f1 killBroker recovered", "fault f2 killBroker recovered");
        recoveries.Should().OnlyContain(c => c.Passed == passes, string.Join("; ", recoveries.Select(c => c.Measured)));
        result.Checks.Except(recoveries).Should().OnlyContain(c => c.Passed, "the bound is the only difference");
        var fault = result.Faults.Single(f => f.Id == "f1");
        fault.RecoverWithinSeconds.Should().Be(within);
        fault.RecoverySeconds.Should().BeInRange(0.2, 30, "two dead brokers leave a backlog");
        result.TimeSeries.Markers.Single(m => m.FaultId == "f1").RecoverySeconds.Should().Be(fault.RecoverySeconds);
        TestContext.Out.WriteLine($"broker kill within {within}s: {recoveries[0].Measured}");
    }

    /// <summary>The checkout root: the first directory upwards that holds Harness.sln.</summary>
    private static string RepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Harness.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Harness.sln not found above " + start);
    }
}
