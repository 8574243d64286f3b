using Harness.Engine.Replicators;
using Harness.Engine.Replicators.Connect;
using Harness.Engine.Runs;

namespace Harness.Engine.Tests.Replicators.Connect;

/// <summary>The connectors a run submits: one source connector per volume class, a checkpoint and a heartbeat connector, configured as on Connect.</summary>
public sealed class ConnectorPlanTests
{
    private const string Scenario = """
        name: split
        clusters:
          source: {brokers: 1}
          target: {brokers: 3}
        topics:
          - {name: orders, partitions: 6, rate: 100, records: 100, volume: high}
          - {name: payments, partitions: 3, rate: 100, records: 100, volume: high}
          - {name: audit, partitions: 1, rate: 10, records: 10, volume: low}
          - {name: misc, partitions: 1, rate: 10, records: 10}
        replicator:
          kind: connect
          policy: identity
          tasks: 2
          connectors:
            high: {tasks: 8, properties: {consumer.fetch.max.bytes: "1048576"}}
          properties:
            sync.group.offsets.enabled: "true"
        """;

    private static ConnectorPlan Plan(string yaml = Scenario)
    {
        var scenario = ScenarioLoader.Parse(yaml);
        var launch = new ReplicatorLaunch(scenario, "src:9092", "tgt:9092", "/tmp/runs/20261206-010203-split", new RunOptions(), null);
        return ConnectorPlan.For(launch, (ConnectReplicatorSettings)scenario.Replicator.Settings);
    }

    [Test]
    public void Each_volume_class_present_gets_a_source_connector_then_checkpoint_and_heartbeat()
    {
        var plan = Plan();

        plan.Prefix.Should().Be("harness-20261206-010203-split");
        plan.Connectors.Select(c => (c.Role, c.Name, c.Class, c.TasksMax)).Should().Equal(
            ("source-high", "harness-20261206-010203-split-source-high", ConnectorPlan.SourceClass, 8),
            ("source-low", "harness-20261206-010203-split-source-low", ConnectorPlan.SourceClass, 2),
            ("source", "harness-20261206-010203-split-source", ConnectorPlan.SourceClass, 2),
            ("checkpoint", "harness-20261206-010203-split-checkpoint", ConnectorPlan.CheckpointClass, 1),
            ("heartbeat", "harness-20261206-010203-split-heartbeat", ConnectorPlan.HeartbeatClass, 1));
        plan.Find("source-high")!.Topics.Should().Equal("orders", "payments");
        plan.Find("source-high")!.Config["topics"].Should().Be("orders,payments");
        plan.Find("checkpoint")!.Config["topics"].Should().Be("orders,payments,audit,misc");
    }

    [Test]
    public void Every_config_names_both_clusters_the_policy_and_byte_array_converters_with_the_overlays_on_top()
    {
        var high = Plan().Find("source-high")!.Config;

        high.Should().Contain(new Dictionary<string, string>
        {
            ["name"] = "harness-20261206-010203-split-source-high",
            ["connector.class"] = "org.apache.kafka.connect.mirror.MirrorSourceConnector",
            ["tasks.max"] = "8",
            ["source.cluster.alias"] = "source",
            ["target.cluster.alias"] = "target",
            ["source.cluster.bootstrap.servers"] = "src:9092",
            ["target.cluster.bootstrap.servers"] = "tgt:9092",
            ["replication.policy.class"] = "org.apache.kafka.connect.mirror.IdentityReplicationPolicy",
            ["key.converter"] = "org.apache.kafka.connect.converters.ByteArrayConverter",
            ["value.converter"] = "org.apache.kafka.connect.converters.ByteArrayConverter",
            ["sync.group.offsets.enabled"] = "true",
            ["consumer.fetch.max.bytes"] = "1048576",

            // Capped by the clusters: offset syncs live on the one-broker source.
            ["offset-syncs.topic.replication.factor"] = "1",
            ["replication.factor"] = "2",
        });
        Plan().Find("source-low")!.Config.Should().NotContainKey("consumer.fetch.max.bytes", "a connector's own properties are its own");
    }

    [Test]
    public void Heartbeats_or_checkpoints_turned_off_drop_their_connector()
    {
        var plan = Plan(Scenario.Replace("sync.group.offsets.enabled: \"true\"", "emit.heartbeats.enabled: \"false\"\n    emit.checkpoints.enabled: \"false\"", StringComparison.Ordinal));

        plan.Connectors.Select(c => c.Role).Should().Equal("source-high", "source-low", "source");
    }
}
