using Harness.Broker.Cluster;
using Harness.Engine.Verification;

namespace Harness.Engine.Tests.Verification;

[Category("Integration")]
public sealed class TopologyVerifierTests
{
    [Test]
    public async Task A_wrong_partition_count_a_missing_synced_config_and_no_heartbeats_each_fail_their_check()
    {
        await using var source = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "source", Brokers = 1 });
        await using var target = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "target", Brokers = 1 });
        source.CreateTopic("orders", 4, configs: new Dictionary<string, string> { ["retention.ms"] = "3600000" });
        target.CreateTopic("orders", 2);

        var checks = await TopologyVerifier.CheckAsync(source.BootstrapServers, target.BootstrapServers, [("orders", "orders", 4)],
            expectConfigSync: true, heartbeatSourceAlias: "source", DateTimeOffset.UtcNow, TimeProvider.System);

        checks.Should().HaveCount(3).And.OnlyContain(c => !c.Passed);
        checks[0].Measured.Should().Be("orders: 2 of 4");
        checks[1].Measured.Should().Contain("orders retention.ms=(default) (source 3600000)");
        checks[2].Measured.Should().Be("no heartbeat from this source on the target");
    }

    [Test]
    public async Task Matching_topics_and_configs_pass_and_heartbeats_are_not_asked_of_replicators_that_emit_none()
    {
        await using var source = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "source", Brokers = 1 });
        await using var target = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "target", Brokers = 1 });
        source.CreateTopic("orders", 3, configs: new Dictionary<string, string> { ["retention.ms"] = "3600000", ["min.insync.replicas"] = "1" });
        target.CreateTopic("source.orders", 3, configs: new Dictionary<string, string> { ["retention.ms"] = "3600000" });

        var checks = await TopologyVerifier.CheckAsync(source.BootstrapServers, target.BootstrapServers, [("orders", "source.orders", 3)],
            expectConfigSync: true, heartbeatSourceAlias: null, DateTimeOffset.UtcNow, TimeProvider.System);

        checks.Should().HaveCount(2).And.OnlyContain(c => c.Passed, "min.insync.replicas is one of the configs MM2 never syncs");
    }
}
