using Harness.Engine.Clusters.Embedded;
using Harness.Engine.Safety.Planning;

namespace Harness.Engine.Tests.Safety;

[Category("Integration")]
public sealed class RunPlanTests
{
    private static readonly string[] Mutating =
    [
        "Produce", "CreateTopics", "DeleteTopics", "CreatePartitions", "AlterConfigs", "IncrementalAlterConfigs", "OffsetCommit",
        "DeleteGroups", "OffsetDelete", "CreateAcls", "DeleteAcls", "InitProducerId", "AddPartitionsToTxn", "EndTxn", "JoinGroup", "SyncGroup",
        "DeleteRecords", "AlterUserScramCredentials",
    ];

    [Test]
    public async Task The_plan_lists_what_the_run_would_do_flags_an_existing_topic_and_sends_no_mutating_request()
    {
        await using var source = EmbeddedKafkaCluster.Start("source", 1);
        await using var target = EmbeddedKafkaCluster.Start("target", 1);
        source.Cluster.CreateTopic("orders", 2);
        var scenario = ScenarioLoader.Parse($$"""
            name: planned
            clusters:
              source: {kind: external, bootstrap: "{{source.BootstrapServers}}", cleanup: on-success}
              target: {kind: external, bootstrap: "{{target.BootstrapServers}}"}
            topics:
              - {name: orders, partitions: 2, rate: 100, records: 100}
              - {name: audit, partitions: 1, rate: 100, records: 50, configs: {retention.ms: "60000"} }
            replicator: {kind: builtin, policy: identity}
            consumers:
              - {group: billing, topics: [orders], progress: 0.5}
            """, "planned.yaml");

        var lines = await RunPlan.BuildAsync(scenario, HarnessRegistry.Default, CancellationToken.None);

        lines.Should().Contain("  EXISTS topic orders: the run would be refused; rename it or set clusters.source.allowExistingTopics: true");
        lines.Should().Contain(l => l.StartsWith("  create topic audit: 1 partitions", StringComparison.Ordinal) && l.Contains("retention.ms=60000"));
        lines.Should().Contain("  commit offsets of consumer group billing on orders (50% of each partition)");
        lines.Should().Contain(l => l.StartsWith("  the replicator creates topic orders: 2 partitions", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("  cleanup: on-success", StringComparison.Ordinal));
        foreach (var cluster in new[] { source, target })
        {
            cluster.Cluster.RequestCounts.Keys.Should().NotIntersectWith(Mutating, "a plan only describes");
            cluster.Cluster.RequestCounts.Should().ContainKey("Metadata", "the plan looked at the cluster");
        }

        source.Cluster.TopicNames.Should().Equal("orders");
        target.Cluster.TopicNames.Should().BeEmpty();
    }

    [Test]
    public async Task A_run_does_send_mutating_requests_so_the_plan_test_can_fail()
    {
        await using var cluster = EmbeddedKafkaCluster.Start("source", 1);
        using var admin = new Confluent.Kafka.AdminClientBuilder(new Confluent.Kafka.AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();

        await admin.CreateTopicsAsync([new Confluent.Kafka.Admin.TopicSpecification { Name = "t", NumPartitions = 1, ReplicationFactor = 1 }]);

        cluster.Cluster.RequestCounts.Should().ContainKey("CreateTopics");
    }
}
