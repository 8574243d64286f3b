using Harness.Replicator.Connect;
using Harness.Replicator.Tests.Support;

namespace Harness.Replicator.Tests.Connect;

/// <summary>A worker started again runs what its store holds, as Connect reads its config topic back.</summary>
public sealed class ConnectWorkerTests
{
    [Test]
    public async Task Stored_connectors_run_again_paused_ones_paused_and_invalid_ones_are_reported_not_run()
    {
        var store = new InMemoryConnectorConfigStore();
        var config = ConnectorConfigTranslatorTests.Config("MirrorHeartbeatConnector", ("admin.timeout.ms", "200"));
        store.PutConfig("hb", Named(config, "hb"));
        store.PutConfig("paused", Named(config, "paused"));
        store.PutPaused("paused", true);
        store.PutConfig("broken", ConnectorConfigTranslatorTests.Config("MirrorSourceConnector", ("name", "broken"), ("tasks.max", "many")));
        var log = new List<string>();
        await using var worker = new ConnectWorker(new ConnectWorkerConfig { BootstrapServers = "127.0.0.1:1" }, store, "127.0.0.1:1", line => { lock (log) { log.Add(line); } }, checkClients: false);

        worker.StartStored();

        worker.Names().Should().Equal("hb", "paused");
        worker.Status("paused").Tasks.Should().ContainSingle().Which.State.Should().Be(ConnectStates.Paused);
        worker.Status("hb").State.Should().NotBe(ConnectStates.Paused);
        log.Should().Contain(l => l.StartsWith("stored connector broken is not valid any more and is not run", StringComparison.Ordinal) && l.Contains("tasks.max=many", StringComparison.Ordinal));
        var act = () => worker.Status("broken");
        act.Should().Throw<ConnectRestException>().Which.Status.Should().Be(404);
    }

    private static Dictionary<string, string> Named(Dictionary<string, string> config, string name) => new(config) { ["name"] = name };
}
