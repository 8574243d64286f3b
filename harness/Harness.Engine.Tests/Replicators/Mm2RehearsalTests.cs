using Harness.Engine.Replicators.Mm2;
using Harness.Testing;

namespace Harness.Engine.Tests.Replicators;

/// <summary>
/// Whole rehearsals with <c>kind: mm2</c> on a stand-in Kafka distribution (no real one can be installed here): the
/// driver runs the stand-in's bin/connect-mirror-maker.sh on the run's mm2.properties, which runs the built-in
/// replicator. KAFKA_HOME reaches the driver through its environment lookup, not the test process's variables.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class Mm2RehearsalTests
{
    private static readonly string ReplicatorAssembly = Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll");

    [Test]
    public async Task The_ready_mm2_scenario_passes_on_a_stand_in_distribution_found_through_KAFKA_HOME()
    {
        using var home = KafkaDistributionStandIn.Build(ReplicatorAssembly);
        using var folder = TempFolder.Create("harness-mm2-");
        var registry = RegistryWithKafkaHome(home.FullName);
        var scenario = ScenarioLoader.LoadFile(Path.Combine(RepositoryRoot.Path, "scenarios", "mm2-process.yaml"), registry);

        var outcome = await StandInRehearsals.RunAsync(registry, scenario, folder);

        StandInRehearsals.ShouldPass(outcome, folder);
        outcome.Result.Environment.ReplicatorKind.Should().Be("mm2");
        outcome.Result.Parity.Sum(p => p.Replicated).Should().Be(21_600);
        var properties = await File.ReadAllTextAsync(Path.Combine(outcome.RunDirectory, "mm2.properties"));
        properties.Should().Contain("tasks.max = 4")
            .And.Contain("offset-syncs.topic.replication.factor = 1")
            .And.Contain("checkpoints.topic.replication.factor = 3")
            .And.Contain("replication.factor = 2")
            .And.Contain("replication.policy.class = org.apache.kafka.connect.mirror.IdentityReplicationPolicy");
        var log = await File.ReadAllTextAsync(Path.Combine(outcome.RunDirectory, "replicator.log"));
        log.Should().Contain("KAFKA_HEAP_OPTS=-Xms512m -Xmx512m").And.Contain("DOTNET_GCHeapHardLimit=20000000", "heap: 512m limits the stand-in to 512 MiB");
        TestContext.Out.WriteLine(properties);
    }

    [TestCase("killReplicator")]
    [TestCase("restartReplicator")]
    public async Task A_killed_or_restarted_mm2_resumes_and_the_rehearsal_still_passes(string fault)
    {
        var registry = RegistryWithKafkaHome(null);
        using var home = KafkaDistributionStandIn.Build(ReplicatorAssembly);
        using var folder = TempFolder.Create("harness-mm2-");
        var scenario = ScenarioLoader.Parse($$"""
            name: mm2 {{fault}}
            seed: 5
            clusters:
              source: {brokers: 1}
              target: {brokers: 1}
            topics:
              - {name: payments, partitions: 4, rate: 1500, records: 15000, size: 300}
            replicator:
              kind: mm2
              kafkaHome: {{home.FullName}}
              policy: identity
              heap: 512m
              properties: {offset.flush.interval.ms: "1000"}
            consumers:
              - {group: ledger, topics: [payments], progress: 50%}
            faults:
              - {at: 4s, for: 3s, {{fault}}: {} }
              - {at: 1s, heapPressure: {limitMiB: 384} }
            expect:
              lost: 0
              reordered: 0
              duplicates: {max: 20%}
              drainWithin: 60s
            """, "mm2-fault.yaml", registry);

        var outcome = await StandInRehearsals.RunAsync(registry, scenario, folder);

        StandInRehearsals.ShouldPass(outcome, folder);
        outcome.Result.Faults.Select(f => f.Kind).Should().Contain(fault);
        var log = await File.ReadAllTextAsync(Path.Combine(outcome.RunDirectory, "replicator.log"));
        log.Split('\n').Count(l => l.StartsWith("connect-mirror-maker.sh stand-in:", StringComparison.Ordinal)).Should().Be(2, "the script ran again after the fault");
        log.Should().Contain("KAFKA_HEAP_OPTS=-Xms384m -Xmx384m", "a heap-pressure fault's limit is a smaller heap for a JVM replicator");
        outcome.Result.Parity.Sum(p => p.Replicated).Should().Be(15_000);
    }

    [Test]
    public async Task An_mm2_with_a_prometheus_endpoint_is_scraped_into_the_charts_and_the_watch()
    {
        var port = StandInRehearsals.FreePort();
        using var home = KafkaDistributionStandIn.Build(ReplicatorAssembly, metricsPort: port);
        using var folder = TempFolder.Create("harness-mm2-");
        var registry = RegistryWithKafkaHome(null);
        var scenario = ScenarioLoader.Parse($$"""
            name: mm2 prometheus
            seed: 7
            clusters:
              source: {brokers: 1}
              target: {brokers: 1}
            topics:
              - {name: payments, partitions: 2, rate: 1000, records: 8000, size: 200}
            replicator:
              kind: mm2
              kafkaHome: {{home.FullName}}
              policy: identity
              metrics: {prometheus: "http://127.0.0.1:{{port}}/metrics"}
            expect:
              lost: 0
              drainWithin: 60s
            """, "mm2-prometheus.yaml", registry);

        var outcome = await StandInRehearsals.RunAsync(registry, scenario, folder);

        StandInRehearsals.ShouldPass(outcome, folder);
        outcome.Result.Faults.Select(f => f.Kind).Should().NotContain("metricsMissing");

        // Kind mm2 writes no metrics file: memory in the time series can only have come from the scrape.
        var scraped = outcome.Result.TimeSeries.Samples.Where(s => s.ReplicatorRssMiB is > 0 && s.GcHeapMiB is > 0).ToList();
        scraped.Should().NotBeEmpty("the stand-in serves its memory on the Prometheus page the harness scrapes");
        var log = await File.ReadAllTextAsync(Path.Combine(outcome.RunDirectory, "replicator.log"));
        log.Should().NotContain("cannot listen", "the port must have been free for the stand-in");
    }

    [Test]
    public async Task A_small_heap_under_a_stalled_target_runs_out_of_memory_and_the_crash_and_its_restart_are_in_the_report()
    {
        var port = StandInRehearsals.FreePort();
        using var home = KafkaDistributionStandIn.Build(ReplicatorAssembly, metricsPort: port);
        using var folder = TempFolder.Create("harness-mm2-");
        var registry = RegistryWithKafkaHome(null);

        // The incident this harness was built for: the target stalls, records awaiting its acknowledgement pile up on
        // the replicator's heap (the stand-in holds them there, as MirrorMaker 2's Java producer does), and a 32 MiB
        // heap runs out. The operator's restart resumes from the offsets topic, so nothing is lost.
        var scenario = ScenarioLoader.Parse($$"""
            name: mm2 heap exhaustion
            seed: 14
            clusters:
              source: {brokers: 1}
              target: {brokers: 1}
            topics:
              - name: features
                partitions: 6
                rate: 4000
                records: 80000
                size: {dist: normal, mean: 1500, stddev: 300, min: 500, max: 4000}
            replicator:
              kind: mm2
              kafkaHome: {{home.FullName}}
              policy: identity
              metrics: {prometheus: "http://127.0.0.1:{{port}}/metrics"}
            faults:
              - at: 1s
                heapPressure: {limitMiB: 32, restart: true}
              - at: 5s
                for: 10s
                hangBroker: {side: target, broker: 1}
            expect:
              lost: 0
              reordered: 0
              duplicates: {max: 20%}
              drainWithin: 120s
              replicator: {crashes: 3}     # the out-of-memory exit is what this rehearsal is for
            """, "mm2-heap.yaml", registry);

        var outcome = await StandInRehearsals.RunAsync(registry, scenario, folder);

        StandInRehearsals.ShouldPass(outcome, folder);
        var crash = outcome.Result.Faults.Should().Contain(f => f.Kind == "replicatorExit").Which;
        crash.MeasuredEffect.Should().Contain("crashed (exit code 134; out of memory");
        outcome.Result.Faults.Should().Contain(f => f.Kind == "replicatorRestart");
        var log = await File.ReadAllTextAsync(Path.Combine(outcome.RunDirectory, "replicator.log"));
        log.Should().Contain("KAFKA_HEAP_OPTS=-Xms32m -Xmx32m").And.Contain("Out of memory");
        outcome.Result.TimeSeries.Samples.Max(s => s.GcHeapMiB ?? 0).Should().BeGreaterThan(12, "the heap chart shows the records piling up before the crash");
        outcome.Result.Parity.Sum(p => p.Replicated).Should().Be(80_000);
    }

    private static HarnessRegistry RegistryWithKafkaHome(string? kafkaHome) =>
        HarnessRegistry.Default.With(new Mm2ReplicatorDriver(name => name == "KAFKA_HOME" ? kafkaHome : null));
}
