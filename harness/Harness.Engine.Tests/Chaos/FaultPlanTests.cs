using Harness.Engine.Chaos;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Chaos;

public sealed class FaultPlanTests
{
    private static string Scenario(string faults, string clusters = "", string replicator = "replicator: {kind: builtin}") => $"""
        name: plan
        {clusters}
        topics:
          - name: orders
            partitions: 3
            rate: 100
            records: 100
        {replicator}
        faults:
        {faults}
        """;

    private static Action Validating(string yaml) => () => FaultPlan.Validate(ScenarioLoader.Parse(yaml, "plan.yaml"));

    [Test]
    public void Every_fault_action_with_good_parameters_is_accepted()
    {
        var yaml = Scenario("""
              - {at: 1s, for: 2s, killBroker: {side: source, broker: 1}}
              - {at: 1s, restartBroker: {side: target, broker: random}}
              - {at: 1s, for: 2s, hangBroker: {side: source, leaderOf: orders/2}}
              - {at: 1s, for: 2s, latency: {side: target, broker: 2, ms: 100}}
              - {at: 1s, errors: {side: source, api: Produce, code: 6, count: 5}}
              - {at: 1s, moveLeader: {side: source, topic: orders, partition: 1}}
              - {at: 1s, for: 2s, killReplicator: {}}
              - {at: 1s, for: 2s, pauseReplicator: {}}
              - {at: 1s, restartReplicator: {}}
              - {at: after 50 records, for: 5s, heapPressure: {limitMiB: 128, fraction: 90%, over: 3s, restart: true}}
            """);

        Validating(yaml).Should().NotThrow();
    }

    [Test]
    public void An_unknown_parameter_is_refused_with_its_location()
    {
        var error = Validating(Scenario("  - {at: 1s, killBroker: {side: source, brokr: 1}}")).Should().Throw<ScenarioException>().Which;

        error.Message.Should().StartWith("plan.yaml:").And.Contain("faults[0].killBroker: unknown parameter 'brokr'");
    }

    [Test]
    public void A_broker_fault_on_an_external_cluster_is_refused_at_validation()
    {
        var clusters = """
            clusters:
              source: {kind: external, bootstrap: "127.0.0.1:9092"}
            """;

        Validating(Scenario("  - {at: 1s, killBroker: {side: source, broker: 1}}", clusters)).Should().Throw<ScenarioException>()
            .Which.Message.Should().Contain("the source cluster is external and cannot inject broker faults");
    }

    [Test]
    public void Heap_pressure_needs_the_builtin_replicator()
    {
        var yaml = Scenario("  - {at: 1s, heapPressure: {limitMiB: 128}}", replicator: "replicator: {kind: command, run: \"sleep 100\"}");

        Validating(yaml).Should().Throw<ScenarioException>().Which.Message.Should().Contain("heap pressure needs the built-in replicator");
    }

    [Test]
    public void Heap_pressure_on_a_replicator_without_a_ballast_is_its_limit_alone()
    {
        var yaml = Scenario("  - {at: 1s, heapPressure: {limitMiB: 96}}\n  - {at: 2s, killReplicator: {}}", replicator: "replicator: {kind: mm2, heap: 512m}");

        var faults = FaultPlan.Build(ScenarioLoader.Parse(yaml, "plan.yaml"));

        FaultPlan.HeapLimitMiB(faults).Should().Be(96, "the driver starts the replicator with the fault's limit");
        faults[0].Fault.Target.Should().Contain("limited to 96 MiB").And.Contain("no ballast");
    }

    [TestCase("fraction: 0.5")]
    [TestCase("over: 10s")]
    public void Heap_pressure_that_needs_a_ballast_is_refused_on_a_replicator_without_one(string parameter)
    {
        var yaml = Scenario($"  - {{at: 1s, heapPressure: {{limitMiB: 96, {parameter}}}}}", replicator: "replicator: {kind: mm2}");

        Validating(yaml).Should().Throw<ScenarioException>().Which.Message.Should()
            .Contain("replicator kind mm2 has no heap ballast, so fraction and over cannot be honoured").And.NotContain("\n");
    }

    [TestCase("{at: 1s, killBroker: {side: source, broker: 9}}", "broker 9 does not exist")]
    [TestCase("{at: 1s, killBroker: {side: left}}", "side 'left' is not a cluster")]
    [TestCase("{at: 1s, hangBroker: {leaderOf: payments/0}}", "'payments', which is not a topic")]
    [TestCase("{at: 1s, latency: {broker: 1}}", "ms is missing")]
    [TestCase("{at: 1s, errors: {api: Fetchh, code: 6}}", "api 'Fetchh' is not a Kafka API")]
    [TestCase("{at: 1s, moveLeader: {topic: orders, partition: 7}}", "partition 7 does not exist")]
    [TestCase("{at: 1s, heapPressure: {limitMiB: 128, fraction: 9}}", "fraction '9' is not a fraction")]
    public void Bad_parameters_are_refused_with_a_one_line_reason(string fault, string reason)
    {
        Validating(Scenario($"  - {fault}")).Should().Throw<ScenarioException>().Which.Message.Should().Contain(reason).And.NotContain("\n");
    }
}
