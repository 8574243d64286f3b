using Harness.Engine.Clusters.Embedded;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Engine.Tests.Replicators;

namespace Harness.Engine.Tests.Safety;

/// <summary>
/// Safety rails on clusters the harness did not start: embedded clusters started by the test and given to the run as
/// <c>kind: external</c>, so the run treats them as someone else's shared clusters.
/// </summary>
[Category("Integration")]
public sealed class ExternalClusterSafetyTests
{
    private static Scenario Scenario(string source, string target, string extra = "") => ScenarioLoader.Parse($$"""
        name: external-safety
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

        var outcome = await StandInRehearsals.RunAsync(HarnessRegistry.Default, Scenario(source.BootstrapServers, target.BootstrapServers), "harness-safety-");

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

        var outcome = await StandInRehearsals.RunAsync(HarnessRegistry.Default, Scenario(source.BootstrapServers, target.BootstrapServers, ", cleanup: always"), "harness-cleanup-");

        StandInRehearsals.ShouldPass(outcome);
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

        var outcome = await StandInRehearsals.RunAsync(HarnessRegistry.Default, Scenario(source.BootstrapServers, target.BootstrapServers), "harness-cleanup-never-");

        StandInRehearsals.ShouldPass(outcome);
        outcome.Result.Resources.Should().HaveCount(2).And.OnlyContain(r => r.Cleanup == "never" && r.DeletedTopics.Count == 0);
        outcome.Result.Resources[0].CreatedTopics.Should().Contain("orders");
        source.Cluster.TopicNames.Should().Contain("orders");
    }
}
