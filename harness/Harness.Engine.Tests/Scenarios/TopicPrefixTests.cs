using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Scenarios;

public sealed class TopicPrefixTests
{
    private const string RunId = "00000000deadbeef";

    private const string Prefix = "rehearsal-00000000deadbeef-";

    private static string Yaml(string prefix, string topics = ScenarioText.MinimalTopics) => $"""
        name: prefixed
        topicPrefix: "{prefix}"
        {topics}
        """;

    [Test]
    public void A_prefix_with_the_run_id_placeholder_loads_as_written()
    {
        ScenarioText.Load(Yaml("rehearsal-{runId}-")).TopicPrefix.Should().Be("rehearsal-{runId}-");
    }

    [Test]
    public void A_character_kafka_refuses_in_topic_names_is_refused_with_the_fix()
    {
        ScenarioText.Error(Yaml("rehearsal {runId}/")).Should().Be(
            "test.yaml:2:14: topicPrefix 'rehearsal {runId}/' has characters Kafka refuses in a topic name: ' ' '/'; "
            + "expected letters, digits, '.', '_' and '-', with {runId} for the run's id, such as topicPrefix: rehearsal-{runId}-");
    }

    [Test]
    public void A_placeholder_other_than_the_run_id_is_refused()
    {
        ScenarioText.Error(Yaml("rehearsal-{run}-")).Should().StartWith("test.yaml:2:14: topicPrefix 'rehearsal-{run}-' has a placeholder other than {runId}; expected letters");
    }

    [Test]
    public void A_prefix_that_takes_the_longest_remote_name_over_249_characters_is_refused_counting_the_run_id()
    {
        // 222 + "source." (7) + 16 (the run id) + 5 = 250: one over, though the prefix as written is only 12 characters.
        var name = new string('t', 222);

        ScenarioText.Error(Yaml("run-{runId}-", $$"""
            topics:
              - {name: {{name}}, partitions: 1, rate: 1, records: 1}
            """)).Should().Be(
            $"test.yaml:2:14: topicPrefix 'run-{{runId}}-' makes the topic name 'source.run-0000000000000000-{name}' 250 characters long with the run id, over Kafka's limit of 249; "
            + "expected a topicPrefix 1 characters shorter (the run id counts 16), or shorter topic names");
    }

    [Test]
    public void Without_a_prefix_applying_changes_nothing()
    {
        var scenario = ScenarioText.Load($"""
            name: plain
            {ScenarioText.MinimalTopics}
            """);

        ScenarioPrefix.Apply(scenario, RunId).Should().BeSameAs(scenario);
    }

    [Test]
    public void Applying_puts_the_prefix_on_every_topic_and_group_the_scenario_names_and_only_once()
    {
        var scenario = ScenarioText.Load("""
            name: everything
            topicPrefix: rehearsal-{runId}-
            topics:
              - {name: orders, partitions: 2, rate: 100, records: 100}
              - {name: payments, partitions: 1, rate: 100, duration: 5s}
              - {name: audit, partitions: 1, rate: 100, duration: 5s}
            replicator:
              kind: builtin
              properties: {topics: "orders|payments, audit", topics.exclude: ".*-dlq"}
            consumers:
              - {group: billing, topics: [orders], progress: 0.5}
            apps:
              - name: payments
                consumers: {group: payments-service, topics: [payments]}
                producers: {topics: [payments]}
            faults:
              - {at: 1s, moveLeader: {side: source, topic: orders, partition: 1}}
              - {at: 2s, killBroker: {side: source, leaderOf: orders/0}}
              - {at: 3s, rollingRestart: payments}
            expect:
              latency: {byTopic: {orders: {p99: 5s}}}
            """);

        var applied = ScenarioPrefix.Apply(scenario, RunId);

        applied.AppliedPrefix.Should().Be(Prefix);
        applied.Topics.Select(t => t.Name).Should().Equal(Prefix + "orders", Prefix + "payments", Prefix + "audit");
        applied.Topics.Select(t => t.DeclaredName).Should().Equal("orders", "payments", "audit");
        applied.Replicator.RemoteTopic(applied.Topics[0].Name).Should().Be("source." + Prefix + "orders", "the default policy still puts the alias in front");
        applied.Consumers.Single().Should().Match<ConsumerSpec>(c => c.Group == Prefix + "billing" && c.Topics.Single() == Prefix + "orders");
        applied.Apps.Single().Name.Should().Be("payments", "app names are no Kafka names");
        applied.Apps.Single().Consumer!.Group.Should().Be(Prefix + "payments-service");
        applied.Apps.Single().Consumer!.Topics.Should().Equal(Prefix + "payments");
        applied.Apps.Single().Producer!.Topics.Should().Equal(Prefix + "payments");
        applied.Faults[0].Parameters["topic"].Should().Be(Prefix + "orders");
        applied.Faults[1].Parameters["leaderOf"].Should().Be(Prefix + "orders/0");
        applied.Faults[2].Parameters["value"].Should().Be("payments", "a plain value names the app to restart, not the topic of that name");
        applied.Expect.Latency.ByTopic.Keys.Should().Equal(Prefix + "orders");
        applied.Replicator.Properties["topics"].Should().Be(@"rehearsal-00000000deadbeef-(?:orders|payments), rehearsal-00000000deadbeef-audit");
        applied.Replicator.Properties["topics.exclude"].Should().Be(".*-dlq", "an exclude list only narrows what the replicator reaches");
        applied.Replicator.Properties["groups"].Should().Be("rehearsal-00000000deadbeef-.*", "MirrorMaker 2 would otherwise checkpoint every group of the source");
        ScenarioPrefix.Apply(applied, "ffffffffffffffff").Should().BeSameAs(applied);
    }

    [Test]
    public void A_seed_samples_the_same_records_whatever_the_prefix()
    {
        var scenario = ScenarioText.Load("""
            name: seeded
            topicPrefix: rehearsal-{runId}-
            topics:
              - {name: orders, partitions: 2, rate: 100, records: 100, keys: {dist: uniform, count: 1000}}
            """);

        var first = ScenarioPrefix.Apply(scenario, RunId).Topics[0].CreateSampler(7);
        var second = ScenarioPrefix.Apply(scenario, "ffffffffffffffff").Topics[0].CreateSampler(7);

        Enumerable.Range(0, 20).Select(i => first.Sample(i).Key).Should().Equal(Enumerable.Range(0, 20).Select(i => second.Sample(i).Key));
    }

    [Test]
    public void A_flow_scoped_groups_list_is_prefixed_and_no_default_is_added()
    {
        var scenario = ScenarioText.Load("""
            name: flow
            topicPrefix: r-
            topics:
              - {name: orders, partitions: 1, rate: 1, records: 1}
            replicator: {kind: builtin, properties: {"source->target.groups": "billing.*"}}
            """);

        var properties = ScenarioPrefix.Apply(scenario, RunId).Replicator.Properties;

        properties["source->target.groups"].Should().Be("r-billing.*");
        properties.Should().NotContainKey("groups");
    }
}
