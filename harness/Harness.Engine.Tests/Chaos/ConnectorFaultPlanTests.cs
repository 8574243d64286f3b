using Harness.Engine.Chaos;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Chaos;

/// <summary>Connector faults are checked against the connectors a run submits and the workers the harness starts.</summary>
public sealed class ConnectorFaultPlanTests
{
    private static string Scenario(string faults, string replicator = "replicator: {kind: connect, workers: 2}") => $$"""
        name: plan
        topics:
          - {name: orders, partitions: 3, rate: 100, records: 100, volume: high}
          - {name: audit, partitions: 1, rate: 10, records: 10, volume: low}
        {{replicator}}
        faults:
        {{faults}}
        """;

    private static Action Validating(string yaml) => () => FaultPlan.Validate(ScenarioLoader.Parse(yaml, "plan.yaml"));

    [Test]
    public void Connector_faults_name_a_role_or_a_volume_class_and_workers_by_number()
    {
        var yaml = Scenario("""
              - {at: 1s, restartConnector: high}
              - {at: 1s, restartTask: {connector: source-low, task: 0}}
              - {at: 1s, for: 3s, pauseConnector: {connector: checkpoint}}
              - {at: 1s, for: 3s, killWorker: 2}
              - {at: 1s, for: 3s, killReplicator: {}}
            """);

        Validating(yaml).Should().NotThrow();
    }

    [TestCase("  - {at: 1s, restartConnector: medium}", "faults[0].restartConnector: connector 'medium' is not one this run submits; expected connector: one of source-high, source-low, checkpoint, heartbeat")]
    [TestCase("  - {at: 1s, restartTask: {task: 1}}", "connector is missing")]
    [TestCase("  - {at: 1s, killWorker: {worker: 3}}", "worker 3 does not exist; the harness starts 2")]
    public void A_connector_fault_this_run_cannot_do_is_refused(string fault, string reason)
    {
        Validating(Scenario(fault)).Should().Throw<ScenarioException>().Which.Message.Should().Contain(reason);
    }

    [Test]
    public void Connector_faults_need_a_replicator_on_connect_and_worker_faults_need_started_workers()
    {
        Validating(Scenario("  - {at: 1s, restartConnector: high}", "replicator: {kind: builtin}")).Should().Throw<ScenarioException>()
            .Which.Message.Should().Contain("replicator kind builtin runs no Kafka Connect connectors");
        Validating(Scenario("  - {at: 1s, killWorker: 1}", "replicator: {kind: connect, url: \"http://connect:8083\"}")).Should().Throw<ScenarioException>()
            .Which.Message.Should().Contain("replicator kind connect has no Connect workers the harness started");
    }
}
