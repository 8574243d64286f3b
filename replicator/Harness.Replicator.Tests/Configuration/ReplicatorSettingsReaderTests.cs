using Harness.Mm2.Policies;
using Harness.Replicator.Configuration;

namespace Harness.Replicator.Tests.Configuration;

public sealed class ReplicatorSettingsReaderTests
{
    private static readonly string[] Base =
    [
        "clusters = primary, backup",
        "primary.bootstrap.servers = p1:9092,p2:9092",
        "backup.bootstrap.servers = b1:9092",
        "primary->backup.enabled = true",
    ];

    [Test]
    public void Defaults_are_mirrormaker_2s()
    {
        var settings = Read();

        settings.SourceAlias.Should().Be("primary");
        settings.TargetAlias.Should().Be("backup");
        settings.Policy.Should().BeOfType<DefaultReplicationPolicy>();
        settings.RemoteTopic("orders").Should().Be("primary.orders");
        settings.OffsetSyncsTopic.Should().Be("mm2-offset-syncs.backup.internal");
        settings.CheckpointsTopic.Should().Be("primary.checkpoints.internal");
        settings.OffsetSyncsLocation.Should().Be(OffsetSyncsTopicLocation.Source);
        settings.OffsetLagMax.Should().Be(100);
        settings.EmitCheckpoints.Should().BeTrue();
        settings.CheckpointsInterval.Should().Be(TimeSpan.FromSeconds(60));
        settings.SyncGroupOffsets.Should().BeFalse();
        settings.SyncGroupOffsetsInterval.Should().Be(TimeSpan.FromSeconds(60));
        settings.EmitHeartbeats.Should().BeTrue();
        settings.HeartbeatsInterval.Should().Be(TimeSpan.FromSeconds(1));
        settings.RefreshTopicsInterval.Should().Be(TimeSpan.FromSeconds(600));
        settings.RefreshGroupsInterval.Should().Be(TimeSpan.FromSeconds(600));
        settings.TasksMax.Should().Be(1);
        settings.Sabotage.Any.Should().BeFalse();
        settings.ReplicatesGroup("billing").Should().BeTrue();
        settings.ReplicatesGroup("console-consumer-123").Should().BeFalse();
        settings.ReplicatesGroup("connect-mm2").Should().BeFalse();
        settings.ReplicatesGroup("__internal").Should().BeFalse();
        settings.Replicates("orders").Should().BeTrue();
        settings.Replicates("heartbeats").Should().BeTrue("heartbeats are always replicated");
        settings.Replicates("mm2-offset-syncs.backup.internal").Should().BeFalse();
        settings.Replicates("__consumer_offsets").Should().BeFalse();
        settings.Replicates("backup.orders").Should().BeFalse("a topic from the target would go round in a cycle");
        settings.Replicates("other.backup.orders").Should().BeFalse("a cycle at any hop");
    }

    [Test]
    public void Flow_prefixed_keys_win_over_top_level_ones_and_other_flows_are_accepted()
    {
        var settings = Read(
            "tasks.max = 2", "primary->backup.tasks.max = 6", "backup->primary.tasks.max = 9",
            "groups = billing.*, audit, console-consumer-.*", "primary->backup.groups.exclude = billing-test",
            "offset-syncs.topic.location = target", "sync.group.offsets.enabled = true", "emit.checkpoints.interval.seconds = 5",
            "replication.policy.class = org.apache.kafka.connect.mirror.IdentityReplicationPolicy");

        settings.TasksMax.Should().Be(6);
        settings.ReplicatesGroup("billing-eu").Should().BeTrue();
        settings.ReplicatesGroup("billing-test").Should().BeFalse();
        settings.ReplicatesGroup("console-consumer-1").Should().BeTrue("setting groups.exclude replaces the default list");
        settings.ReplicatesGroup("payments").Should().BeFalse();
        settings.OffsetSyncsLocation.Should().Be(OffsetSyncsTopicLocation.Target);
        settings.SyncGroupOffsets.Should().BeTrue();
        settings.CheckpointsInterval.Should().Be(TimeSpan.FromSeconds(5));
        settings.RemoteTopic("orders").Should().Be("orders");
    }

    [Test]
    public void Keys_without_effect_are_warned_about_and_java_client_keys_are_translated()
    {
        var warnings = new List<string>();
        var settings = Read(warnings,
            "config.storage.replication.factor = 3", "key.converter = org.apache.kafka.connect.converters.ByteArrayConverter",
            "sync.topic.acls.enabled = false", "primary.security.protocol = SASL_SSL", "primary.sasl.mechanism = PLAIN",
            "primary.sasl.jaas.config = org.apache.kafka.common.security.plain.PlainLoginModule required username=\"mm2\" password=\"s3cret\";",
            "primary.consumer.max.poll.records = 500", "primary.consumer.fetch.min.bytes = 1024", "backup.producer.linger.ms = 20",
            "ssl.truststore.location = /etc/truststore.jks");

        warnings.Should().HaveCount(5);
        warnings.Should().Contain(w => w.Contains("'config.storage.replication.factor' has no effect", StringComparison.Ordinal) && w.Contains("no Connect config topic", StringComparison.Ordinal));
        warnings.Should().Contain(w => w.Contains("'key.converter' has no effect", StringComparison.Ordinal));
        warnings.Should().Contain(w => w.Contains("ACLs are not synced", StringComparison.Ordinal));
        warnings.Should().Contain(w => w.Contains("'max.poll.records' is a Java client setting", StringComparison.Ordinal));
        warnings.Should().Contain(w => w.Contains("'ssl.truststore.location' is a Java client setting", StringComparison.Ordinal));
        warnings.Should().OnlyContain(w => w.StartsWith("line ", StringComparison.Ordinal));
        settings.SourceClients.Common.Should().Contain(new Dictionary<string, string>
        {
            ["security.protocol"] = "SASL_SSL", ["sasl.mechanism"] = "PLAIN", ["sasl.username"] = "mm2", ["sasl.password"] = "s3cret",
        });
        settings.SourceClients.Consumer.Should().Equal(new Dictionary<string, string> { ["fetch.min.bytes"] = "1024" });
        settings.TargetClients.Producer.Should().Equal(new Dictionary<string, string> { ["linger.ms"] = "20" });
    }

    [Test]
    public void Records_are_held_on_the_heap_only_when_asked_as_the_stand_in_distribution_asks()
    {
        Read().RecordsOnHeap.Should().BeFalse("the replicator keeps records in librdkafka's native buffers");
        Read("harness.records.on.heap = true").RecordsOnHeap.Should().BeTrue();
        FluentActions.Invoking(() => Read("harness.records.on.heap = sometimes")).Should().Throw<ReplicatorConfigException>()
            .WithMessage("*harness.records.on.heap*true or false*");
    }

    [Test]
    public void Every_implemented_key_is_read_without_a_warning()
    {
        var warnings = new List<string>();
        Read(warnings,
            "topics = .*", "topics.exclude = tmp.*", "groups = .*", "groups.exclude = x", "replication.policy.separator = _",
            "replication.policy.internal.topic.separator.enabled = false", "tasks.max = 3", "offset.lag.max = 50", "emit.offset-syncs.enabled = true",
            "offset-syncs.topic.location = source", "emit.checkpoints.enabled = true", "emit.checkpoints.interval.seconds = 10",
            "sync.group.offsets.enabled = true", "sync.group.offsets.interval.seconds = 10", "emit.heartbeats.enabled = true",
            "emit.heartbeats.interval.seconds = 2", "refresh.topics.enabled = true", "refresh.topics.interval.seconds = 30",
            "refresh.groups.enabled = true", "refresh.groups.interval.seconds = 30", "sync.topic.configs.enabled = false",
            "config.properties.exclude = retention\\..*", "replication.factor = 3", "checkpoints.topic.replication.factor = 1",
            "heartbeats.topic.replication.factor = 1", "offset-syncs.topic.replication.factor = 1", "offset.flush.interval.ms = 5000",
            "admin.timeout.ms = 30000", "offset.storage.topic = offsets", "offset.storage.replication.factor = 2", "offset.storage.partitions = 25",
            "topic.filter.class = org.apache.kafka.connect.mirror.DefaultTopicFilter");

        warnings.Should().BeEmpty();
    }

    [TestCase("no.such.thing = 1", "line 5: unknown key 'no.such.thing'")]
    [TestCase("primary->backup.no.such.thing = 1", "line 5: unknown key 'primary->backup.no.such.thing'")]
    [TestCase("emit.checkpoints.interval.seconds = 0", "emit.checkpoints.interval.seconds=0: expected 1 to")]
    [TestCase("sync.group.offsets.enabled = yes", "sync.group.offsets.enabled=yes: expected true or false")]
    [TestCase("replication.policy.class = com.example.Policy", "replication.policy.class: Unknown replication policy")]
    [TestCase("primary.sasl.jaas.config = nothing useful", "sasl.jaas.config has no username")]
    [TestCase("offset.storage.topic = my offsets", "offset.storage.topic=my offsets: expected a Kafka topic name")]
    [TestCase("offset.storage.replication.factor = 0", "offset.storage.replication.factor=0: expected 1 to")]
    [TestCase("offset.storage.partitions = 0", "offset.storage.partitions=0: expected 1 to")]
    public void A_bad_key_or_value_is_one_line_naming_it(string line, string expected)
    {
        var read = () => Read(line);

        read.Should().Throw<ReplicatorConfigException>().Which.Message.Should().Contain(expected).And.NotContain("\n");
    }

    [Test]
    public void Progress_is_kept_where_mm2_in_dedicated_mode_keeps_it_unless_the_connect_settings_say_otherwise()
    {
        var defaults = Read();
        defaults.OffsetStorageTopic.Should().Be("mm2-offsets.primary.internal");
        defaults.OffsetStorageReplicationFactor.Should().Be(3);
        defaults.OffsetStoragePartitions.Should().Be(1);

        var set = Read("offset.storage.topic = connect-offsets", "offset.storage.replication.factor = 2", "offset.storage.partitions = 25");
        set.OffsetStorageTopic.Should().Be("connect-offsets");
        set.OffsetStorageReplicationFactor.Should().Be(2);
        set.OffsetStoragePartitions.Should().Be(25);
    }

    [Test]
    public void The_throttle_is_off_by_default_and_read_as_records_per_second_per_task()
    {
        Read().ThrottleRecordsPerSecondPerTask.Should().Be(0);
        Read("harness.throttle.records.per.second.per.task = 2500").ThrottleRecordsPerSecondPerTask.Should().Be(2500);
        var negative = () => Read("harness.throttle.records.per.second.per.task = -1");
        negative.Should().Throw<ReplicatorConfigException>().WithMessage("*harness.throttle.records.per.second.per.task=-1: expected at least 0*");
    }

    [Test]
    public void Offset_syncs_follow_MM2_3_7_unless_3_6_is_asked_for_and_another_version_is_refused()
    {
        Read().SyncsAtCommit.Should().BeTrue();
        Read("harness.mm2.offset.syncs = 3.7").SyncsAtCommit.Should().BeTrue();
        Read("harness.mm2.offset.syncs = 3.6").SyncsAtCommit.Should().BeFalse("before KAFKA-15906 was fixed a commit wrote no waiting sync");
        var other = () => Read("harness.mm2.offset.syncs = 2.8");
        other.Should().Throw<ReplicatorConfigException>().WithMessage("harness.mm2.offset.syncs=2.8: expected 3.7 *or 3.6*");
    }

    [Test]
    public void The_flow_comes_from_the_one_enabled_pair_or_from_the_flow_option()
    {
        var two = Base.Append("backup->primary.enabled = true").ToArray();
        var read = () => ReplicatorSettingsReader.Read(Parse(two), null, []);
        read.Should().Throw<ReplicatorConfigException>().WithMessage("2 flows are enabled*--flow A->B");
        ReplicatorSettingsReader.Read(Parse(two), "backup->primary", []).SourceAlias.Should().Be("backup");
        var wrong = () => ReplicatorSettingsReader.Read(Parse(two), "primary->elsewhere", []);
        wrong.Should().Throw<ReplicatorConfigException>().WithMessage("flow 'primary->elsewhere' does not name two of the clusters*");
    }

    private static ReplicatorSettings Read(params string[] lines) => Read([], lines);

    private static ReplicatorSettings Read(List<string> warnings, params string[] lines) =>
        ReplicatorSettingsReader.Read(Parse([.. Base, .. lines]), null, warnings);

    private static IReadOnlyDictionary<string, (string Value, int Line)> Parse(string[] lines) => JavaProperties.Parse(string.Join('\n', lines));
}
