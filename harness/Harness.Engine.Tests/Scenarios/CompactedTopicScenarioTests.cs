using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Scenarios;

/// <summary>
/// Compacted topics and tombstones in a scenario: read, and refused where the per-key check cannot work; and the
/// tolerances of the transactional and compacted checks in <c>expect</c>.
/// </summary>
public sealed class CompactedTopicScenarioTests
{
    [Test]
    public void A_topic_whose_cleanup_policy_names_compact_is_compacted_and_its_tombstone_share_is_read()
    {
        var scenario = ScenarioText.Load("""
            name: x
            topics:
              - {name: table, partitions: 1, rate: 100, records: 10, keys: {dist: zipf, count: 100}, tombstones: 5%, configs: {cleanup.policy: "compact,delete"}}
              - {name: events, partitions: 1, rate: 100, records: 10, configs: {cleanup.policy: delete}}
            """);

        (scenario.Topics[0].Compacted, scenario.Topics[0].Tombstones).Should().Be((true, 0.05));
        (scenario.Topics[1].Compacted, scenario.Topics[1].Tombstones).Should().Be((false, 0));
    }

    [Test]
    public void Tombstones_without_keys_are_refused_at_tombstones()
    {
        ScenarioText.Error("""
            name: x
            topics:
              - {name: table, partitions: 1, rate: 100, records: 10, tombstones: 5%}
            """).Should().Be("test.yaml:3:70: topics[0].tombstones is set but the topic has no keys; expected keys: {dist: zipf, count: 1000}, or remove tombstones");
    }

    [Test]
    public void A_compacted_topic_without_keys_keeps_the_record_by_record_check()
    {
        var topic = ScenarioText.Load("""
            name: x
            topics:
              - {name: table, partitions: 1, rate: 100, records: 10, configs: {cleanup.policy: compact}}
            """).Topics[0];

        (TopicSpec.IsCompacted(topic.Configs), topic.Compacted).Should().Be((true, false));
    }

    [Test]
    public void A_compacted_transactional_topic_is_refused_at_its_producer()
    {
        ScenarioText.Error("""
            name: x
            topics:
              - {name: table, partitions: 1, rate: 100, records: 10, keys: {dist: uniform, count: 10}, configs: {cleanup.policy: compact}, producer: {transactional: true}}
            """).Should().StartWith("test.yaml:3:138: topics[0] is compacted and transactional");
    }

    [Test]
    public void Expect_reads_the_aborted_copied_and_stale_key_tolerances_and_defaults_both_to_zero()
    {
        var expect = ScenarioText.Load(ScenarioText.MinimalTopics + "\nname: x\nexpect: {abortedCopied: 10, staleKeys: 1%}\n").Expect;

        (expect.AbortedCopied, expect.StaleKeys).Should().Be((Tolerance.Count(10), Tolerance.Fraction(0.01)));
        (ExpectSpec.Default.AbortedCopied, ExpectSpec.Default.StaleKeys).Should().Be((Tolerance.Zero, Tolerance.Zero));
    }
}
