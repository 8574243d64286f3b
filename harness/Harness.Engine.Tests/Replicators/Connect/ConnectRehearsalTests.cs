using Harness.Engine.Replicators.Connect;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Testing;

namespace Harness.Engine.Tests.Replicators.Connect;

/// <summary>
/// Whole rehearsals with <c>kind: connect</c> on a stand-in Kafka distribution (no real one can be installed here): the
/// driver starts the stand-in's bin/connect-distributed.sh on the run's worker config, which runs the harness's Connect
/// REST stand-in, and drives it over HTTP exactly as it would drive Kafka Connect.
/// </summary>
[Category("Integration")]
public sealed class ConnectRehearsalTests
{
    private static readonly string ReplicatorAssembly = Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll");

    [Test]
    public async Task The_ready_volume_split_scenario_passes_with_each_connectors_states_in_the_report()
    {
        using var home = KafkaDistributionStandIn.Build(ReplicatorAssembly);
        using var folder = TempFolder.Create("harness-connect-");
        var registry = RegistryWithKafkaHome(home.FullName);
        var scenario = ScenarioLoader.LoadFile(Path.Combine(RepositoryRoot.Path, "scenarios", "connect-volume-split.yaml"), registry);

        var outcome = await StandInRehearsals.RunAsync(registry, scenario, folder);

        StandInRehearsals.ShouldPass(outcome, folder);
        outcome.Result.Environment.ReplicatorKind.Should().Be("connect");
        outcome.Result.Parity.Sum(p => p.Replicated).Should().Be(42_750);
        var connectors = outcome.Result.Connectors;
        connectors.Select(c => (c.Role, c.Class, c.TasksMax)).Should().Equal(
            ("source-high", ConnectorPlan.SourceClass, 4),
            ("source-medium", ConnectorPlan.SourceClass, 2),
            ("source-low", ConnectorPlan.SourceClass, 1),
            ("checkpoint", ConnectorPlan.CheckpointClass, 1),
            ("heartbeat", ConnectorPlan.HeartbeatClass, 1));
        connectors.Should().AllSatisfy(c => c.States.Should().Contain(s => s.State == "RUNNING" && s.Tasks.Count == c.TasksMax && s.Tasks.All(t => t == "RUNNING"), c.Name));
        connectors.Single(c => c.Role == "source-low").States.Select(s => s.State).Should().ContainInOrder("RUNNING", "PAUSED", "RUNNING");
        connectors.Single(c => c.Role == "source-high").Topics.Should().Equal("orders", "clicks");
        outcome.Result.Faults.Where(f => f.Id.StartsWith('f')).Select(f => f.MeasuredEffect).Should().NotContain(e => e.StartsWith("failed", StringComparison.Ordinal));
        outcome.Result.OffsetTranslation.Should().NotBeEmpty("the checkpoint connector's checkpoints were translated");
        File.ReadAllText(Path.Combine(outcome.RunDirectory, "connect-worker-1.properties")).Should()
            .Contain("group.id=harness-").And.Contain("offset.storage.topic=harness-").And.Contain("listeners=http://127.0.0.1:");
    }

    [Test]
    public async Task A_killed_worker_comes_back_with_its_connectors_from_the_config_topic()
    {
        using var home = KafkaDistributionStandIn.Build(ReplicatorAssembly);
        using var folder = TempFolder.Create("harness-connect-");
        var registry = RegistryWithKafkaHome(home.FullName);
        var scenario = ScenarioLoader.Parse("""
            name: connect kill worker
            seed: 5
            clusters:
              source: {brokers: 1}
              target: {brokers: 1}
            topics:
              - {name: payments, partitions: 4, rate: 1500, records: 15000, size: 300, volume: high}
            replicator:
              kind: connect
              policy: identity
              connectors: {high: {tasks: 2}}
            faults:
              - {at: 4s, for: 3s, killWorker: 1}
            expect:
              lost: 0
              reordered: 0
              duplicates: {max: 20%}
              drainWithin: 90s
            """, "connect-kill.yaml", registry);

        var outcome = await StandInRehearsals.RunAsync(registry, scenario, folder);

        StandInRehearsals.ShouldPass(outcome, folder);
        var log = await File.ReadAllTextAsync(Path.Combine(outcome.RunDirectory, "replicator.log"));
        log.Split('\n').Count(l => l.StartsWith("connect-distributed.sh stand-in:", StringComparison.Ordinal)).Should().Be(2, "the worker was started again after the fault");
        outcome.Result.Parity.Sum(p => p.Replicated).Should().Be(15_000);
        outcome.Result.Connectors.Single(c => c.Role == "source-high").States.Count(s => s.State == "RUNNING").Should().BeGreaterThanOrEqualTo(1);
    }

    [Test]
    public async Task A_config_connect_rejects_ends_the_run_before_any_load_with_exit_2_and_connects_message()
    {
        using var home = KafkaDistributionStandIn.Build(ReplicatorAssembly);
        using var folder = TempFolder.Create("harness-connect-");
        var registry = RegistryWithKafkaHome(home.FullName);
        var outcome = await StandInRehearsals.RunAsync(registry, Small(registry, "properties: {value.converter: org.apache.kafka.connect.json.JsonConverter}"), folder);

        outcome.ExitCode.Should().Be(ExitCodes.BadInput);
        outcome.Result.ErrorMessage.Should().StartWith("Kafka Connect rejected the config of connector harness-").And.Contain("value.converter").And.NotContain("\n");
        outcome.Result.Parity.Sum(p => p.Produced).Should().Be(0, "nothing is produced for a replicator that cannot run");
    }

    [Test]
    public async Task A_task_that_fails_ends_the_run_with_exit_1_and_its_trace_in_the_report()
    {
        using var home = KafkaDistributionStandIn.Build(ReplicatorAssembly);
        using var folder = TempFolder.Create("harness-connect-");
        var registry = RegistryWithKafkaHome(home.FullName);
        var outcome = await StandInRehearsals.RunAsync(registry, Small(registry, "properties: {source.cluster.bootstrap.servers: \"127.0.0.1:1\", admin.timeout.ms: \"2000\"}"), folder);

        outcome.ExitCode.Should().Be(ExitCodes.CheckFailed);
        outcome.Result.ErrorMessage.Should().Contain("FAILED").And.Contain("the report's Connectors section has the trace");
        outcome.Result.Connectors.SelectMany(c => c.States).Should().Contain(s => s.Trace != null && s.Trace.Length > 0);
    }

    [Test]
    public async Task Connect_that_does_not_answer_is_exit_3_naming_its_url()
    {
        var port = StandInRehearsals.FreePort();
        using var folder = TempFolder.Create("harness-connect-");
        var registry = RegistryWithKafkaHome(null);
        var outcome = await StandInRehearsals.RunAsync(registry, Small(registry, $"url: http://127.0.0.1:{port}"), folder);

        outcome.ExitCode.Should().Be(ExitCodes.Environment);
        outcome.Result.ErrorMessage.Should().StartWith($"Kafka Connect at http://127.0.0.1:{port}/ did not answer").And.EndWith("check replicator.url and that Connect runs there");
    }

    private static Scenario Small(HarnessRegistry registry, string replicatorLine) => ScenarioLoader.Parse($$"""
        name: connect refused
        clusters:
          source: {brokers: 1}
          target: {brokers: 1}
        topics:
          - {name: payments, partitions: 2, rate: 500, records: 1000, size: 200}
        replicator:
          kind: connect
          {{replicatorLine}}
        expect:
          drainWithin: 30s
        """, "connect-small.yaml", registry);

    private static HarnessRegistry RegistryWithKafkaHome(string? kafkaHome) =>
        HarnessRegistry.Default.With(new ConnectReplicatorDriver(name => name == "KAFKA_HOME" ? kafkaHome : null));
}
