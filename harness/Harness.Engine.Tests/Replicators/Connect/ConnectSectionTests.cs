using Harness.Engine.Replicators;
using Harness.Engine.Replicators.Connect;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Replicators.Connect;

/// <summary>The keys of <c>kind: connect</c>: an existing cluster or started workers, per-connector tasks, and what they declare.</summary>
public sealed class ConnectSectionTests
{
    private static string Scenario(string replicator) => $$"""
        name: connect
        topics:
          - {name: orders, partitions: 3, rate: 100, records: 100, volume: high}
          - {name: audit, partitions: 1, rate: 10, records: 10, volume: low}
        replicator:
          kind: connect
        {{replicator}}
        """;

    private static ConnectReplicatorSettings Read(string replicator) =>
        (ConnectReplicatorSettings)ScenarioLoader.Parse(Scenario(replicator)).Replicator.Settings;

    private static string Error(string replicator) =>
        FluentActions.Invoking(() => ScenarioLoader.Parse(Scenario(replicator), "connect.yaml")).Should().Throw<ScenarioException>().Which.Message;

    [Test]
    public void An_existing_cluster_is_driven_over_its_url_and_cannot_be_killed()
    {
        var settings = Read("  url: http://connect.internal:8083");

        settings.Url.Should().Be(new Uri("http://connect.internal:8083"));
        settings.StartsWorkers.Should().BeFalse();
        settings.Capabilities.Should().BeEquivalentTo(new ReplicatorCapabilities
        {
            Connectors = true, ProcessFaults = false, HeapLimit = false, Workers = null,
            CreatesTargetTopics = true, MirrorsTopicConfigs = true, EmitsHeartbeats = true,
        });
    }

    [Test]
    public void Without_a_url_the_harness_starts_one_worker_unless_told_more()
    {
        Read("").Should().BeEquivalentTo(new { Url = (Uri?)null, Workers = 1, StartsWorkers = true });
        var three = Read("  kafkaHome: /opt/kafka\n  workers: 3\n  heap: 1g");

        three.Should().BeEquivalentTo(new { KafkaHome = "/opt/kafka", Workers = 3, HeapMiB = 1024 });
        three.Capabilities.Should().BeEquivalentTo(new { ProcessFaults = true, HeapLimit = true, Workers = 3, Connectors = true });
    }

    [Test]
    public void Connectors_take_tasks_and_properties_by_volume_class_or_role()
    {
        var settings = Read("  tasks: 2\n  connectors:\n    high: {tasks: 8, properties: {consumer.max.poll.records: \"2000\"}}\n    checkpoint: {tasks: 2}");

        settings.Tasks.Should().Be(2);
        settings.Connectors.Keys.Should().BeEquivalentTo("source-high", "checkpoint");
        settings.Connectors["source-high"].Tasks.Should().Be(8);
        settings.Connectors["source-high"].Properties.Should().Equal(new Dictionary<string, string> { ["consumer.max.poll.records"] = "2000" });
    }

    [TestCase("  url: http://connect:8083\n  workers: 2", "connect.yaml:8:3: replicator.workers is given with replicator.url")]
    [TestCase("  url: ftp://connect", "replicator.url is 'ftp://connect'")]
    [TestCase("  connectors: {huge: {tasks: 1}}", "huge")]
    [TestCase("  connectors: {high: {tasks: 0}}", "replicator.connectors.high.tasks")]
    [TestCase("  heap: lots", "replicator.heap is 'lots'")]
    [TestCase("  metrics: {prometheus: nowhere}", "replicator.metrics.prometheus is 'nowhere'")]
    public void A_wrong_key_is_one_error_naming_it(string replicator, string expected)
    {
        Error(replicator).Should().Contain(expected);
    }

    [Test]
    public void Started_workers_without_kafka_home_or_KAFKA_HOME_are_exit_3_naming_both()
    {
        var scenario = ScenarioLoader.Parse(Scenario("  kafkaHome: /nowhere/kafka"));
        var launch = new ReplicatorLaunch(scenario, "src:9092", "tgt:9092", Path.GetTempPath(), new RunOptions(), null);

        var error = FluentActions.Invoking(() => new ConnectReplicatorDriver(_ => null).Create(launch)).Should().Throw<HarnessException>().Which;

        error.ExitCode.Should().Be(3);
        error.Message.Should().Be("kind connect runs bin/connect-distributed.sh from a Kafka distribution, and neither replicator.kafkaHome (/nowhere/kafka) nor KAFKA_HOME (not set) has it; set either to the folder of an unpacked Apache Kafka 3.x");
    }
}
