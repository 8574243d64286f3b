using Harness.Reports.Model;

namespace Harness.Engine.Tests.Chaos;

/// <summary>
/// Each fault on embedded clusters with the built-in replicator: nothing lost or reordered, duplicates within
/// their bound, and the report lists the fault with its measured effect.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[Category("Integration")]
[NonParallelizable]
public sealed class FaultRehearsalTests
{
    [TestCase("killBroker: {side: source, leaderOf: events/0}", "2s")]
    [TestCase("killBroker: {side: target, broker: 2}", "2s")]
    [TestCase("restartBroker: {side: source, broker: random}", null)]
    [TestCase("hangBroker: {side: target, broker: 1}", "2s")]
    [TestCase("latency: {side: source, broker: random, ms: 200}", "2s")]
    [TestCase("errors: {side: target, api: Produce, code: 6, count: 10}", null)]
    [TestCase("errors: {side: source, api: Fetch, code: 7, count: 10}", null)]
    [TestCase("moveLeader: {side: source, topic: events, partition: 1}", null)]
    [TestCase("killReplicator: {}", "2s")]
    [TestCase("pauseReplicator: {}", "2s")]
    [TestCase("restartReplicator: {}", null)]
    public async Task A_fault_loses_and_reorders_nothing_and_is_reported_with_its_effect(string fault, string? duration)
    {
        var outcome = await RehearsalRunner.RunAsync($$"""
            name: fault
            seed: 5
            topics:
              - name: events
                partitions: 4
                rate: 5000
                records: 25_000
                size: 200
                keys: {dist: uniform, count: 1000}
            replicator:
              kind: builtin
              policy: identity
              grace: 5s
              # Re-copying after a replicator kill is bounded by the records acknowledged since the last save of
              # progress; the replicator now copies as fast as the load comes, so with the default 1 s save a kill
              # re-copies a full second of load (20% here). Saving often keeps this test about the fault.
              properties: {offset.flush.interval.ms: "100"}
            faults:
              - at: 1500ms
            {{(duration is null ? "" : $"    for: {duration}\n")}}    {{fault}}
            expect:
              duplicates: {max: 20%}
              drainWithin: 60s
            """);

        var result = outcome.Result;
        result.Checks.Where(c => !c.Passed).Should().BeEmpty();
        result.Parity.Sum(p => p.Lost).Should().Be(0);
        result.Parity.Sum(p => p.Reordered).Should().Be(0);
        result.Parity.Sum(p => p.Replicated).Should().Be(25_000);
        var entry = result.Faults.Should().ContainSingle(f => f.Id == "f1").Which;
        entry.Kind.Should().Be(fault[..fault.IndexOf(':')]);
        entry.StartSeconds.Should().BeGreaterThan(0);
        entry.MeasuredEffect.Should().Contain("peak");
        result.TimeSeries.Markers.Should().Contain(m => m.FaultId == "f1");
        if (fault.StartsWith("killBroker", StringComparison.Ordinal))
        {
            // Samples land on their tick even while a dead leader keeps a watermark read waiting, so a 2 s kill shows.
            var onSource = fault.Contains("side: source", StringComparison.Ordinal);
            result.TimeSeries.Samples.Should().Contain(s => (onSource ? s.SourceBrokersUp : s.TargetBrokersUp) == 2, "the time series shows the killed broker down");
            var offsets = result.TimeSeries.Samples.Select(s => s.OffsetSeconds).ToList();
            offsets.Zip(offsets.Skip(1), (a, b) => b - a).Should().OnlyContain(gap => gap < 3.0, "no sample waits out a dead leader");
        }
    }

    [Test]
    public async Task Heap_pressure_that_crashes_the_replicator_is_reported_as_a_crash_not_a_hang()
    {
        var outcome = await RehearsalRunner.RunAsync("""
            name: oom
            topics:
              - name: events
                partitions: 2
                rate: 4000
                records: 40_000
                size: 500
            replicator: {kind: builtin, policy: identity}
            faults:
              - at: 1s
                for: 20s
                heapPressure: {limitMiB: 128, fraction: 1.5, over: 2s}
            expect:
              drainWithin: 60s
            """);

        var result = outcome.Result;
        result.Verdict.Should().Be(Verdict.Failed);
        result.Faults.Should().Contain(f => f.Kind == "replicatorExit" && f.MeasuredEffect.Contains("without a fault asking for it"));
        var drain = result.Checks.Single(c => c.Name == "replication drained");
        drain.Passed.Should().BeFalse();
        drain.Measured.Should().Contain("the replicator exited with code");
        result.Duration.Should().BeLessThan(TimeSpan.FromSeconds(80), "a crashed replicator ends the drain at once instead of waiting for its deadline");
    }

    [Test]
    public async Task Heap_pressure_with_an_operator_restart_recovers_and_keeps_parity()
    {
        var outcome = await RehearsalRunner.RunAsync("""
            name: oom-restart
            topics:
              - name: events
                partitions: 2
                rate: 4000
                records: 40_000
                size: 500
            replicator: {kind: builtin, policy: identity}
            faults:
              - at: 1s
                for: 6s
                heapPressure: {limitMiB: 128, fraction: 1.5, over: 2s, restart: true}
            expect:
              duplicates: {max: 30%}
              replicator: {crashes: 3}
            """);

        var result = outcome.Result;
        result.Faults.Should().Contain(f => f.Kind == "replicatorExit").And.Contain(f => f.Kind == "replicatorRestart");
        result.ReplicatorHealth!.Crashes.Should().BeInRange(1, 3, "the crashes are declared, and a crash loop would be more");
        result.Parity.Sum(p => p.Lost).Should().Be(0);
        result.Parity.Sum(p => p.Reordered).Should().Be(0);
        result.Verdict.Should().Be(Verdict.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Measured}")));
    }
}
