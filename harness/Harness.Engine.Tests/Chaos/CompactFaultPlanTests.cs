using Harness.Engine.Chaos;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Chaos;

/// <summary>The <c>compact</c> fault action names a scenario topic and needs a cluster whose cleaner the harness runs.</summary>
public sealed class CompactFaultPlanTests
{
    private static string Scenario(string faults, string clusters = "") => $"""
        name: plan
        {clusters}
        topics:
          - {"{"}name: changelog, partitions: 2, rate: 100, records: 100, configs: {"{"}cleanup.policy: compact{"}}"}
        replicator: {"{"}kind: builtin{"}"}
        faults:
        {faults}
        """;

    private static Action Validating(string yaml) => () => FaultPlan.Validate(ScenarioLoader.Parse(yaml, "plan.yaml"));

    [Test]
    public void Compact_takes_a_side_and_a_topic_or_the_topic_alone()
    {
        var yaml = Scenario("""
              - {at: 1s, compact: {side: source, topic: changelog}}
              - {at: 2s, compact: changelog}
            """);

        Validating(yaml).Should().NotThrow();
        FaultPlan.Build(ScenarioLoader.Parse(yaml, "plan.yaml")).Select(f => f.Fault).Should().AllBeOfType<CompactFault>()
            .And.OnlyContain(f => f.Kind == "compact" && f.Instant);
    }

    [TestCase("  - {at: 1s, compact: {side: source, topic: orders}}", "faults[0].compact: topic 'orders' is not a topic of this scenario")]
    [TestCase("  - {at: 1s, compact: {side: source}}", "faults[0].compact: topic is missing")]
    [TestCase("  - {at: 1s, compact: {side: middle, topic: changelog}}", "side 'middle' is not a cluster")]
    [TestCase("  - {at: 1s, compact: {topic: changelog, partition: 1}}", "unknown parameter 'partition'")]
    public void A_compact_fault_with_bad_parameters_is_refused(string fault, string reason)
    {
        Validating(Scenario(fault)).Should().Throw<ScenarioException>().Which.Message.Should().Contain(reason);
    }

    [Test]
    public void Compacting_an_external_cluster_is_refused_at_validation()
    {
        var clusters = """
            clusters:
              source: {kind: external, bootstrap: "127.0.0.1:9092"}
            """;

        Validating(Scenario("  - {at: 1s, compact: changelog}", clusters)).Should().Throw<ScenarioException>()
            .Which.Message.Should().Contain("the source cluster is external and cannot compact on demand");
    }
}
