using Harness.Engine.Replicators;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Replicators;

/// <summary>The run's mm2.properties as real MirrorMaker 2 gets it, and unchanged for the other kinds.</summary>
public sealed class Mm2PropertiesTests
{
    private static readonly Mm2PropertiesOptions ForMm2 = new() { TasksMax = 4, CapReplicationFactors = true };

    private static Scenario Load(string clusters, string replicator) => ScenarioLoader.Parse($"""
        name: props
        {clusters}
        topics:
          - {"{"}name: orders, partitions: 3, rate: 100, records: 100{"}"}
          - {"{"}name: a.b, partitions: 1, rate: 100, records: 100{"}"}
        replicator:
        {replicator}
        """);

    private static Dictionary<string, string> Properties(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(" = ", 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    [Test]
    public void Clusters_aliases_flow_topics_policy_and_tasks_are_written()
    {
        var scenario = Load("", "  kind: mm2\n  policy: identity\n  sourceAlias: old\n  targetAlias: new\n  tasks: 4");

        var properties = Properties(Mm2Properties.Render(scenario, "s:1", "t:2", ForMm2));

        properties.Should().Contain(new Dictionary<string, string>
        {
            ["clusters"] = "old, new",
            ["old.bootstrap.servers"] = "s:1",
            ["new.bootstrap.servers"] = "t:2",
            ["old->new.enabled"] = "true",
            ["topics"] = @"orders,a\.b",
            ["replication.policy.class"] = "org.apache.kafka.connect.mirror.IdentityReplicationPolicy",
            ["tasks.max"] = "4",
        });
    }

    [Test]
    public void The_default_policy_is_MirrorMaker_2s_default_policy()
    {
        var properties = Properties(Mm2Properties.Render(Load("", "  kind: mm2"), "s:1", "t:2", ForMm2));

        properties["replication.policy.class"].Should().Be("org.apache.kafka.connect.mirror.DefaultReplicationPolicy");
    }

    [Test]
    public void Replication_factors_are_mm2_defaults_capped_by_the_brokers_of_the_clusters_each_topic_lives_on()
    {
        var scenario = Load("clusters:\n  source: {brokers: 1}\n  target: {brokers: 3}", "  kind: mm2");

        var properties = Properties(Mm2Properties.Render(scenario, "s:1", "t:2", ForMm2));

        properties.Should().Contain(new Dictionary<string, string>
        {
            ["replication.factor"] = "2",                      // remote topics, target; MM2 default 2
            ["checkpoints.topic.replication.factor"] = "3",    // target
            ["offset-syncs.topic.replication.factor"] = "1",   // source, by default
            ["heartbeats.topic.replication.factor"] = "1",     // both: the reverse herder emits into the source
            ["offset.storage.replication.factor"] = "1",       // Connect's storage topics, on both
            ["status.storage.replication.factor"] = "1",
            ["config.storage.replication.factor"] = "1",
        });
    }

    [Test]
    public void Offset_syncs_kept_on_the_target_are_capped_by_the_target()
    {
        var scenario = Load("clusters:\n  source: {brokers: 1}\n  target: {brokers: 2}", "  kind: mm2\n  properties: {offset-syncs.topic.location: target}");

        Properties(Mm2Properties.Render(scenario, "s:1", "t:2", ForMm2))["offset-syncs.topic.replication.factor"].Should().Be("2");
    }

    [Test]
    public void A_cluster_of_unknown_size_leaves_mm2s_defaults_for_the_topics_on_it()
    {
        var scenario = Load("clusters:\n  source: {kind: external, bootstrap: \"h:9092\"}\n  target: {brokers: 1}", "  kind: mm2");

        var properties = Properties(Mm2Properties.Render(scenario, "s:1", "t:2", ForMm2));

        properties.Should().Contain("replication.factor", "1").And.Contain("checkpoints.topic.replication.factor", "1");
        properties.Should().NotContainKeys("offset-syncs.topic.replication.factor", "heartbeats.topic.replication.factor", "offset.storage.replication.factor");
    }

    [Test]
    public void The_scenarios_properties_win_over_everything_the_harness_writes()
    {
        var scenario = Load("clusters:\n  source: {brokers: 1}\n  target: {brokers: 3}",
            "  kind: mm2\n  tasks: 4\n  properties: {tasks.max: \"9\", replication.factor: \"3\", emit.checkpoints.interval.seconds: \"60\", topics: \"orders\"}");

        var properties = Properties(Mm2Properties.Render(scenario, "s:1", "t:2", ForMm2));

        properties.Should().Contain(new Dictionary<string, string>
        {
            ["tasks.max"] = "9",
            ["replication.factor"] = "3",
            ["emit.checkpoints.interval.seconds"] = "60",
            ["topics"] = "orders",
        });
    }

    [Test]
    public void Without_options_the_file_is_what_every_replicator_gets()
    {
        var scenario = Load("clusters:\n  source: {brokers: 1}", "  kind: builtin");

        var properties = Properties(Mm2Properties.Render(scenario, "s:1", "t:2"));

        properties.Keys.Should().NotContain(key => key.EndsWith("replication.factor", StringComparison.Ordinal) || key == "tasks.max");
    }
}
