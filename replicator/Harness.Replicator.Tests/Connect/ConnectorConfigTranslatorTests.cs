using Harness.Replicator.Connect;

namespace Harness.Replicator.Tests.Connect;

/// <summary>MirrorMaker 2 connector configs, in Connect's shape, translated onto the built-in replicator's settings.</summary>
public sealed class ConnectorConfigTranslatorTests
{
    private const string Mirror = "org.apache.kafka.connect.mirror.";
    private static readonly ConnectWorkerConfig Worker = new() { BootstrapServers = "127.0.0.1:9", OffsetTopic = "my-offsets", OffsetReplicationFactor = 1 };

    public static Dictionary<string, string> Config(string connectorClass, params (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, string>
        {
            ["name"] = "c",
            ["connector.class"] = Mirror + connectorClass,
            ["source.cluster.alias"] = "east",
            ["target.cluster.alias"] = "west",
            ["source.cluster.bootstrap.servers"] = "127.0.0.1:1",
            ["target.cluster.bootstrap.servers"] = "127.0.0.1:2",
            ["key.converter"] = MirrorConnectorPlugins.ByteArrayConverter,
            ["value.converter"] = MirrorConnectorPlugins.ByteArrayConverter,
        };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return config;
    }

    [Test]
    public void A_source_connector_copies_and_writes_offset_syncs_only_with_its_offsets_in_the_workers_topic()
    {
        var result = ConnectorConfigTranslator.Validate(Config("MirrorSourceConnector", ("tasks.max", "3"), ("topics", "a.*"),
            ("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy"), ("source.consumer.fetch.min.bytes", "10"),
            ("target.producer.linger.ms", "7"), ("source.cluster.client.id", "mine")), Worker);

        result.Errors.Should().BeEmpty();
        result.Kind.Should().Be(ConnectorKind.Source);
        var settings = result.Settings!;
        (settings.SourceAlias, settings.TargetAlias, settings.SourceBootstrap, settings.TargetBootstrap).Should().Be(("east", "west", "127.0.0.1:1", "127.0.0.1:2"));
        settings.TasksMax.Should().Be(3);
        settings.CopyRecords.Should().BeTrue();
        settings.EmitOffsetSyncs.Should().BeTrue();
        (settings.EmitCheckpoints, settings.SyncGroupOffsets, settings.EmitHeartbeats).Should().Be((false, false, false), "checkpoints and heartbeats are the other connectors' work");
        settings.RemoteTopic("a1").Should().Be("a1", "the identity policy keeps names");
        settings.Replicates("a1").Should().BeTrue();
        settings.Replicates("b1").Should().BeFalse();
        settings.OffsetStorageTopic.Should().Be("my-offsets");
        settings.OffsetStorageReplicationFactor.Should().Be(1);
        settings.OffsetStorageBootstrap.Should().Be("127.0.0.1:9", "Connect keeps source offsets on the worker's cluster");
        ConnectorConfigTranslator.Validate(Config("MirrorSourceConnector"), Worker with { BootstrapServers = "127.0.0.1:2" }).Settings!.OffsetStorageBootstrap
            .Should().BeNull("a worker on the target keeps them with the target's clients");
        settings.SourceClients.Consumer.Should().Contain("fetch.min.bytes", "10");
        settings.TargetClients.Producer.Should().Contain("linger.ms", "7");
        settings.SourceClients.Common.Should().Contain("client.id", "mine");
    }

    [Test]
    public void A_checkpoint_connector_copies_nothing_and_emits_checkpoints_only()
    {
        var settings = ConnectorConfigTranslator.Validate(Config("MirrorCheckpointConnector", ("emit.checkpoints.interval.seconds", "1"), ("sync.group.offsets.enabled", "true"), ("groups", "g.*")), Worker).Settings!;

        settings.CopyRecords.Should().BeFalse();
        (settings.EmitCheckpoints, settings.SyncGroupOffsets, settings.EmitOffsetSyncs, settings.EmitHeartbeats).Should().Be((true, true, false, false));
        settings.CheckpointsInterval.Should().Be(TimeSpan.FromSeconds(1));
        settings.ReplicatesGroup("g1").Should().BeTrue();
        settings.ReplicatesGroup("h1").Should().BeFalse();
    }

    [Test]
    public void A_heartbeat_connector_emits_heartbeats_only_and_an_alias_is_enough_as_the_class()
    {
        var result = ConnectorConfigTranslator.Validate(Config("MirrorHeartbeatConnector", ("connector.class", "MirrorHeartbeat"), ("emit.heartbeats.interval.seconds", "2")), Worker);

        result.ConnectorClass.Should().Be(Mirror + "MirrorHeartbeatConnector");
        var settings = result.Settings!;
        settings.CopyRecords.Should().BeFalse();
        (settings.EmitHeartbeats, settings.EmitCheckpoints, settings.SyncGroupOffsets, settings.EmitOffsetSyncs).Should().Be((true, false, false, false));
        settings.HeartbeatsInterval.Should().Be(TimeSpan.FromSeconds(2));
    }

    [TestCase("value.converter", "org.apache.kafka.connect.json.JsonConverter", "value.converter", "use org.apache.kafka.connect.converters.ByteArrayConverter")]
    [TestCase("target.cluster.bootstrap.servers", "", "target.cluster.bootstrap.servers", "Missing required configuration \"target.cluster.bootstrap.servers\"")]
    [TestCase("bogus.key", "1", "bogus.key", "unknown key 'bogus.key'")]
    [TestCase("tasks.max", "none", "tasks.max", "tasks.max=none: expected an integer")]
    [TestCase("topics", "(unclosed", "topics", "not a valid regular expression")]
    [TestCase("connector.class", "com.example.Other", "connector.class", "the stand-in runs only")]
    [TestCase("east->west.topics", "a", "east->west.topics", "a connector runs one flow")]
    [TestCase("target.cluster.alias", "east", "target.cluster.alias", "must differ")]
    [TestCase("transforms", "t1", "transforms", "no transforms")]
    [TestCase("source.consumer.no.such.property", "1", "source.consumer.no.such.property", "librdkafka refuses them")]
    [TestCase("target.cluster.security.protocol", "NOPE", "target.cluster.security.protocol", "librdkafka refuses them")]
    public void A_bad_key_is_an_error_on_that_key(string key, string value, string errorKey, string expected)
    {
        var result = ConnectorConfigTranslator.Validate(Config("MirrorSourceConnector", (key, value)), Worker);

        result.IsValid.Should().BeFalse();
        result.Errors.Should().ContainKey(errorKey).WhoseValue.Should().ContainSingle().Which.Should().Contain(expected);
        result.RejectionMessage().Should().StartWith("Connector configuration is invalid and contains the following 1 error(s):\n")
            .And.EndWith("You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`");
    }

    [Test]
    public void The_workers_converters_are_the_default_and_must_be_bytes_too()
    {
        var config = Config("MirrorSourceConnector");
        config.Remove("key.converter");
        config.Remove("value.converter");

        ConnectorConfigTranslator.Validate(config, Worker).IsValid.Should().BeTrue("a worker without converters leaves the connector's bytes alone");
        var json = Worker with { ValueConverter = "org.apache.kafka.connect.json.JsonConverter" };
        ConnectorConfigTranslator.Validate(config, json).Errors.Should().ContainKey("value.converter").WhoseValue.Single().Should().Contain("the worker's converter");
    }

    [Test]
    public void Keys_with_no_effect_are_warnings_never_silent()
    {
        var result = ConnectorConfigTranslator.Validate(Config("MirrorSourceConnector", ("errors.tolerance", "all"), ("offset.storage.topic", "other"), ("sync.topic.acls.enabled", "false"),
            ("emit.heartbeats.enabled", "true")), Worker);

        result.IsValid.Should().BeTrue();
        result.Settings!.EmitHeartbeats.Should().BeFalse("a source connector never emits heartbeats");
        result.Warnings.Should().HaveCount(4);
        result.Warnings.Should().Contain("'emit.heartbeats.enabled' has no effect on a Source connector: that part of MirrorMaker 2 runs in another connector");
        result.Warnings.Should().Contain(w => w.Contains("'errors.tolerance'", StringComparison.Ordinal))
            .And.Contain(w => w.Contains("my-offsets", StringComparison.Ordinal))
            .And.Contain(w => w.Contains("'sync.topic.acls.enabled'", StringComparison.Ordinal) && w.Contains("ACLs", StringComparison.Ordinal));
    }

    [Test]
    public void Missing_name_and_class_are_reported_as_Connect_words_them()
    {
        var result = ConnectorConfigTranslator.Validate(new Dictionary<string, string>(), Worker);

        result.Errors["name"].Should().Equal("Missing required configuration \"name\" which has no default value.");
        result.Errors["connector.class"].Should().Equal("Missing required configuration \"connector.class\" which has no default value.");
        result.Settings.Should().BeNull();
    }
}
