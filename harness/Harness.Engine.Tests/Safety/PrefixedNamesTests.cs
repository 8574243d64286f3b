using Confluent.Kafka;
using Harness.Engine.Clients;
using Harness.Engine.Safety;
using Harness.Engine.Safety.Planning;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Safety;

/// <summary>What a <c>topicPrefix</c> means beyond the scenario's own names: the harness's group ids, what a run owns, and the plan.</summary>
public sealed class PrefixedNamesTests
{
    private const string Prefix = "rehearsal-00000000deadbeef-";

    private static Scenario Prefixed() => ScenarioPrefix.Apply(ScenarioLoader.Parse("""
        name: prefixed
        topicPrefix: rehearsal-{runId}-
        topics:
          - {name: orders, partitions: 2, rate: 100, records: 100}
        replicator: {kind: builtin, policy: identity}
        consumers:
          - {group: billing, topics: [orders], progress: 0.5}
        """, "prefixed.yaml"), "00000000deadbeef");

    [Test]
    public void The_endpoint_puts_the_prefix_in_front_of_every_group_id_once()
    {
        var endpoint = new KafkaEndpoint("localhost:9092") { GroupPrefix = Prefix };

        endpoint.Configure(new ConsumerConfig { GroupId = "harness-checkpoint-reader" }).GroupId.Should().Be(Prefix + "harness-checkpoint-reader");
        endpoint.Configure(new ConsumerConfig { GroupId = Prefix + "billing" }).GroupId.Should().Be(Prefix + "billing");
        endpoint.With(new Dictionary<string, string> { ["group.id"] = "harness-verifier-1" })["group.id"].Should().Be(Prefix + "harness-verifier-1");
        endpoint.Configure(new AdminClientConfig()).Get("group.id").Should().BeNull("a client without a group gets none");
        new KafkaEndpoint("localhost:9092").Configure(new ConsumerConfig { GroupId = "harness-x" }).GroupId.Should().Be("harness-x");
    }

    [Test]
    public void A_prefixed_run_owns_names_with_its_prefix_and_not_the_unprefixed_ones()
    {
        var ownership = new RunOwnership(Prefixed());

        ownership.OwnsTopic(Prefix + "orders").Should().BeTrue();
        ownership.OwnsTopic(Prefix + "harness-something").Should().BeTrue();
        ownership.OwnsTopic("orders").Should().BeFalse("the topic the prefix keeps the run away from is someone else's");
        ownership.OwnsGroup(Prefix + "billing").Should().BeTrue();
        ownership.OwnsGroup(Prefix + "harness-verifier-1").Should().BeTrue();
        ownership.OwnsGroup("billing").Should().BeFalse();
    }

    [Test]
    public async Task The_plan_shows_the_prefixed_names_with_the_run_id_placeholder()
    {
        var scenario = ScenarioLoader.Parse("""
            name: planned
            topicPrefix: rehearsal-{runId}-
            topics:
              - {name: orders, partitions: 2, rate: 100, records: 100}
            consumers:
              - {group: billing, topics: [orders], progress: 0.5}
            """, "planned.yaml");

        var lines = await RunPlan.BuildAsync(scenario, HarnessRegistry.Default, CancellationToken.None);

        lines.Should().Contain(l => l.StartsWith("topicPrefix: the run's topics and groups below carry rehearsal-{runId}- ", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("  create topic rehearsal-{runId}-orders: 2 partitions", StringComparison.Ordinal));
        lines.Should().Contain("  commit offsets of consumer group rehearsal-{runId}-billing on rehearsal-{runId}-orders (50% of each partition)");
        lines.Should().Contain(l => l.StartsWith("  the replicator creates topic source.rehearsal-{runId}-orders: 2 partitions", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains(" orders", StringComparison.Ordinal), "no unprefixed name is planned");
    }
}
