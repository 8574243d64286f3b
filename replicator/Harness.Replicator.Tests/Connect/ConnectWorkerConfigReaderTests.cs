using Harness.Replicator.Configuration;
using Harness.Replicator.Connect;

namespace Harness.Replicator.Tests.Connect;

/// <summary>Connect distributed worker properties read by the stand-in.</summary>
public sealed class ConnectWorkerConfigReaderTests
{
    private static Dictionary<string, (string Value, int Line)> Properties(params string[] lines) =>
        lines.Select((line, i) => (Parts: line.Split('=', 2), Line: i + 1)).ToDictionary(p => p.Parts[0], p => (p.Parts[1], p.Line));

    [Test]
    public void Every_worker_setting_is_read()
    {
        var warnings = new List<string>();
        var config = ConnectWorkerConfigReader.Read(Properties("bootstrap.servers=b:1", "group.id=mm2", "config.storage.topic=c", "offset.storage.topic=o", "status.storage.topic=s",
            "config.storage.replication.factor=1", "offset.storage.replication.factor=2", "status.storage.replication.factor=-1", "listeners=http://0.0.0.0:18083",
            "key.converter=org.apache.kafka.connect.converters.ByteArrayConverter"), null, warnings);

        config.Should().BeEquivalentTo(new ConnectWorkerConfig
        {
            BootstrapServers = "b:1",
            GroupId = "mm2",
            ConfigTopic = "c",
            OffsetTopic = "o",
            StatusTopic = "s",
            ConfigReplicationFactor = 1,
            OffsetReplicationFactor = 2,
            StatusReplicationFactor = 3,
            Port = 18083,
            KeyConverter = MirrorConnectorPlugins.ByteArrayConverter,
        });
        warnings.Should().BeEmpty();
    }

    [Test]
    public void Defaults_are_Connects_and_the_option_names_the_cluster()
    {
        var config = ConnectWorkerConfigReader.Read(Properties("rest.port=0"), "opt:1", []);

        (config.BootstrapServers, config.GroupId, config.ConfigTopic, config.OffsetTopic, config.StatusTopic, config.Port)
            .Should().Be(("opt:1", "connect-cluster", "connect-configs", "connect-offsets", "connect-status", 0));
        ConnectWorkerConfigReader.Read(Properties(), "opt:1", []).Port.Should().Be(8083);
    }

    [Test]
    public void Unknown_and_unused_keys_are_warnings()
    {
        var warnings = new List<string>();
        ConnectWorkerConfigReader.Read(Properties("bootstrap.servers=b:1", "plugin.path=/x", "made.up=1"), null, warnings);

        warnings.Should().Equal(
            "line 2: 'plugin.path' has no effect on the Connect stand-in: the MirrorMaker 2 connectors are built in",
            "line 3: 'made.up' has no effect on the Connect stand-in: the stand-in does not know it");
    }

    [TestCase("listeners=https://h:1", "listeners=https://h:1: expected http://HOST:PORT")]
    [TestCase("rest.port=99999", "rest.port=99999: expected an integer from 0 to 65535")]
    [TestCase("offset.storage.topic=bad topic", "offset.storage.topic=bad topic: expected a Kafka topic name")]
    [TestCase("config.storage.replication.factor=0", "config.storage.replication.factor=0: expected an integer")]
    public void Bad_values_are_one_line_errors(string line, string expected)
    {
        var act = () => ConnectWorkerConfigReader.Read(Properties("bootstrap.servers=b:1", line), null, []);

        act.Should().Throw<ReplicatorConfigException>().WithMessage(expected + "*");
    }

    [Test]
    public void Without_bootstrap_servers_the_error_names_both_places()
    {
        var act = () => ConnectWorkerConfigReader.Read(Properties("group.id=g"), null, []);

        act.Should().Throw<ReplicatorConfigException>().WithMessage("*bootstrap.servers*--bootstrap-servers*");
    }
}
