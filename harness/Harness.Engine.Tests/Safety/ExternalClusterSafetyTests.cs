using Confluent.Kafka;
using Harness.Engine.Clusters.Embedded;
using Harness.Engine.Runs;
using Harness.Engine.Safety.Planning;
using Harness.Engine.Scenarios;
using Harness.Engine.Tests.Replicators;
using Harness.Testing;

namespace Harness.Engine.Tests.Safety;

/// <summary>
/// Safety rails on clusters the harness did not start: embedded clusters started by the test and given to the run as
/// <c>kind: external</c>, so the run treats them as someone else's shared clusters.
/// </summary>
[Category("Integration")]
public sealed class ExternalClusterSafetyTests
{
    private static Scenario Scenario(string source, string target, string extra = "", string top = "") => ScenarioLoader.Parse($$"""
        name: external-safety
        {{top}}
        clusters:
          source: {kind: external, bootstrap: "{{source}}"{{extra}}}
          target: {kind: external, bootstrap: "{{target}}"{{extra}}}
        topics:
          - {name: orders, partitions: 2, rate: 2000, records: 2000, size: 100}
        replicator: {kind: builtin, policy: identity}
        consumers:
          - {group: billing, topics: [orders], progress: 0.5}
        expect: {lost: 0, drainWithin: 60s}
        """, "external-safety.yaml");

    [Test]
    public async Task A_topic_that_exists_before_the_run_is_refused_and_nothing_is_written()
    {
        await using var source = EmbeddedKafkaCluster.Start("source", 1);
        await using var target = EmbeddedKafkaCluster.Start("target", 1);
        source.Cluster.CreateTopic("orders", 2);

        using var folder = TempFolder.Create("harness-safety-");
        var outcome = await StandInRehearsals.RunAsync(HarnessRegistry.Default, Scenario(source.BootstrapServers, target.BootstrapServers), folder);

        outcome.ExitCode.Should().Be(ExitCodes.BadInput);
        outcome.Result.ErrorMessage.Should().Be("clusters.source: topic 'orders' already exists on a cluster the harness did not start, and the run would write test records into it; rename, or set clusters.source.allowExistingTopics: true");
        source.Cluster.HighWatermark("orders", 0).Should().Be(0, "the refusal comes before the load");
        target.Cluster.TopicNames.Should().BeEmpty("the replicator never started");
    }

    [Test]
    public async Task Cleanup_always_deletes_exactly_what_the_run_created_and_lists_it()
    {
        await using var source = EmbeddedKafkaCluster.Start("source", 1);
        await using var target = EmbeddedKafkaCluster.Start("target", 1);
        source.Cluster.CreateTopic("payments", 1);
        target.Cluster.CreateTopic("payments", 1);

        using var folder = TempFolder.Create("harness-cleanup-");
        var outcome = await StandInRehearsals.RunAsync(HarnessRegistry.Default, Scenario(source.BootstrapServers, target.BootstrapServers, ", cleanup: always"), folder);

        StandInRehearsals.ShouldPass(outcome, folder);
        var resources = outcome.Result.Resources;
        resources.Select(r => r.Cluster).Should().Equal("source", "target");
        resources[0].CreatedTopics.Should().Contain("orders").And.NotContain("payments");
        resources[0].CreatedGroups.Should().Contain("billing");
        resources[1].CreatedTopics.Should().Contain("orders").And.Contain("heartbeats").And.NotContain("payments");
        foreach (var side in resources)
        {
            side.DeletedTopics.Should().BeEquivalentTo(side.CreatedTopics);
            side.DeletedGroups.Should().BeEquivalentTo(side.CreatedGroups);
            side.Problem.Should().BeNull();
        }

        source.Cluster.TopicNames.Should().Equal("payments");
        target.Cluster.TopicNames.Should().Equal("payments");
    }

    [Test]
    public async Task Cleanup_never_lists_what_the_run_created_and_leaves_it()
    {
        await using var source = EmbeddedKafkaCluster.Start("source", 1);
        await using var target = EmbeddedKafkaCluster.Start("target", 1);

        using var folder = TempFolder.Create("harness-cleanup-never-");
        var outcome = await StandInRehearsals.RunAsync(HarnessRegistry.Default, Scenario(source.BootstrapServers, target.BootstrapServers), folder);

        StandInRehearsals.ShouldPass(outcome, folder);
        outcome.Result.Resources.Should().HaveCount(2).And.OnlyContain(r => r.Cleanup == "never" && r.DeletedTopics.Count == 0);
        outcome.Result.Resources[0].CreatedTopics.Should().Contain("orders");
        source.Cluster.TopicNames.Should().Contain("orders");
    }

    [Test]
    public async Task With_a_topic_prefix_the_run_leaves_the_existing_topic_alone_and_cleans_up_only_its_own_names()
    {
        await using var source = EmbeddedKafkaCluster.Start("source", 1);
        await using var target = EmbeddedKafkaCluster.Start("target", 1);
        source.Cluster.CreateTopic("orders", 2);
        target.Cluster.CreateTopic("orders", 2);
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = source.BootstrapServers }).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                await producer.ProduceAsync(new TopicPartition("orders", i % 2), new Message<Null, string> { Value = "production record" });
            }
        }

        var ends = Ends(source);
        var scenario = Scenario(source.BootstrapServers, target.BootstrapServers, ", cleanup: always", "topicPrefix: rehearsal-{runId}-");

        var plan = await RunPlan.BuildAsync(scenario, HarnessRegistry.Default, CancellationToken.None);
        using var folder = TempFolder.Create("harness-prefix-");
        var outcome = await StandInRehearsals.RunAsync(HarnessRegistry.Default, scenario, folder);

        plan.Should().Contain(l => l.StartsWith("  create topic rehearsal-{runId}-orders: 2 partitions", StringComparison.Ordinal)).And.NotContain(l => l.Contains("EXISTS", StringComparison.Ordinal));
        StandInRehearsals.ShouldPass(outcome, folder);
        var prefix = $"rehearsal-{outcome.Result.RunId}-";
        var resources = outcome.Result.Resources;
        // MirrorMaker 2's internal topics keep their alias names (docs/scenarios.md, topicPrefix): the prefix is for the run's own.
        resources[0].CreatedTopics.Should().Equal("mm2-offset-syncs.target.internal", prefix + "orders");
        resources[1].CreatedTopics.Should().Contain(prefix + "orders").And.NotContain("orders")
            .And.OnlyContain(t => t.StartsWith(prefix, StringComparison.Ordinal) || t == "heartbeats" || t.EndsWith(".internal", StringComparison.Ordinal));
        resources.SelectMany(r => r.CreatedGroups).Should().Contain(prefix + "billing").And.OnlyContain(g => g.StartsWith(prefix, StringComparison.Ordinal));
        foreach (var side in resources)
        {
            side.DeletedTopics.Should().BeEquivalentTo(side.CreatedTopics);
            side.DeletedGroups.Should().BeEquivalentTo(side.CreatedGroups);
            side.Problem.Should().BeNull();
        }

        source.Cluster.TopicNames.Should().Equal("orders");
        target.Cluster.TopicNames.Should().Equal("orders");
        Ends(source).Should().Equal(ends, "not one test record went into the existing topic");
        target.Cluster.HighWatermark("orders", 0).Should().Be(0);
        target.Cluster.HighWatermark("orders", 1).Should().Be(0);
    }

    private static long[] Ends(EmbeddedKafkaCluster cluster) => [cluster.Cluster.HighWatermark("orders", 0), cluster.Cluster.HighWatermark("orders", 1)];
}
