using Harness.Broker.Cluster;
using Harness.Broker.Protocol;
using Harness.Testing;

namespace Harness.Broker.Tests.Admin;

/// <summary>The admin APIs on the wire, at the versions and in the cases the client libraries do not reach.</summary>
[Category("Integration")]
public sealed class AdminWireTests
{
    private EmbeddedCluster _cluster = null!;

    [OneTimeSetUp]
    public void StartCluster()
    {
        _cluster = EmbeddedCluster.Start();
        _cluster.CreateTopic("wire", 1, configs: new Dictionary<string, string> { ["retention.bytes"] = "5000" });
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test]
    public async Task ApiVersions_advertises_only_the_non_flexible_admin_versions()
    {
        using var connection = Connect(1);
        var reader = await connection.SendAsync(ApiKey.ApiVersions, 0, _ => { });

        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.None);
        var ranges = new Dictionary<ApiKey, (short Min, short Max)>();
        for (var count = reader.ReadArrayLength(); count > 0; count--)
        {
            ranges[(ApiKey)reader.ReadInt16()] = (reader.ReadInt16(), reader.ReadInt16());
        }

        ranges.Should().Contain(new Dictionary<ApiKey, (short, short)>
        {
            [ApiKey.CreateTopics] = (0, 4),
            [ApiKey.DeleteTopics] = (0, 3),
            [ApiKey.DeleteRecords] = (0, 1),
            [ApiKey.DescribeConfigs] = (0, 3),
            [ApiKey.AlterConfigs] = (0, 1),
            [ApiKey.CreatePartitions] = (0, 1),
            [ApiKey.IncrementalAlterConfigs] = (0, 0),
        });
    }

    [Test]
    public async Task CreateTopics_on_a_broker_that_is_not_the_controller_answers_NotController()
    {
        using var connection = Connect(2);
        var reader = await connection.SendAsync(ApiKey.CreateTopics, 1, w => WriteCreateTopic(w, "elsewhere", validateOnly: false));

        reader.ReadArrayLength().Should().Be(1);
        reader.ReadString().Should().Be("elsewhere");
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.NotController);
        reader.ReadNullableString().Should().Contain("controller is broker 1");
        _cluster.TopicNames.Should().NotContain("elsewhere");
    }

    [Test]
    public async Task CreateTopics_v0_answers_without_an_error_message()
    {
        using var connection = Connect(1);
        var reader = await connection.SendAsync(ApiKey.CreateTopics, 0, w => WriteCreateTopic(w, "wire", validateOnly: null));

        reader.ReadArrayLength().Should().Be(1);
        reader.ReadString().Should().Be("wire");
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.TopicAlreadyExists);
        reader.Remaining.Should().Be(0);
    }

    [Test]
    public async Task CreateTopics_naming_one_topic_twice_answers_InvalidRequest_once()
    {
        using var connection = Connect(1);
        var reader = await connection.SendAsync(ApiKey.CreateTopics, 4, w =>
        {
            w.WriteInt32(2);
            WriteTopicEntry(w, "dup");
            WriteTopicEntry(w, "dup");
            w.WriteInt32(0);
            w.WriteBool(false);
        });

        reader.ReadInt32().Should().Be(0); // throttle
        reader.ReadArrayLength().Should().Be(1);
        reader.ReadString().Should().Be("dup");
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.InvalidRequest);
        _cluster.TopicNames.Should().NotContain("dup");
    }

    [Test]
    public async Task CreateTopics_with_a_config_named_twice_keeps_the_last_value()
    {
        using var connection = Connect(1);
        var reader = await connection.SendAsync(ApiKey.CreateTopics, 2, w =>
        {
            w.WriteInt32(1);
            w.WriteString("config-twice");
            w.WriteInt32(1);
            w.WriteInt16(1);
            w.WriteInt32(0);
            w.WriteInt32(2);
            w.WriteString("retention.bytes");
            w.WriteNullableString("100");
            w.WriteString("retention.bytes");
            w.WriteNullableString("200");
            w.WriteInt32(0);
            w.WriteBool(false);
        });

        reader.ReadInt32();
        reader.ReadArrayLength().Should().Be(1);
        reader.ReadString().Should().Be("config-twice");
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.None);
        reader.ReadNullableString().Should().BeNull();
        using var admin = new Confluent.Kafka.AdminClientBuilder(new Confluent.Kafka.AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        var described = await admin.DescribeConfigsAsync([new Confluent.Kafka.Admin.ConfigResource { Type = Confluent.Kafka.Admin.ResourceType.Topic, Name = "config-twice" }]);
        described.Single().Entries["retention.bytes"].Value.Should().Be("200");
    }

    [Test]
    public async Task DeleteTopics_on_a_broker_that_is_not_the_controller_answers_NotController()
    {
        using var connection = Connect(3);
        var reader = await connection.SendAsync(ApiKey.DeleteTopics, 3, w =>
        {
            w.WriteInt32(1);
            w.WriteString("wire");
            w.WriteInt32(0);
        });

        reader.ReadInt32().Should().Be(0);
        reader.ReadArrayLength().Should().Be(1);
        reader.ReadString().Should().Be("wire");
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.NotController);
        _cluster.TopicNames.Should().Contain("wire");
    }

    [Test]
    public async Task DescribeConfigs_v0_reports_is_default()
    {
        var entries = await DescribeTopic(0, includeSynonyms: false, includeDocumentation: false);

        entries["retention.bytes"].Should().Be(("5000", false, (sbyte)-1, 0, (sbyte)-1));
        entries["retention.ms"].Should().Be(("-1", true, (sbyte)-1, 0, (sbyte)-1));
    }

    [Test]
    public async Task DescribeConfigs_v3_reports_source_synonyms_and_type()
    {
        var entries = await DescribeTopic(3, includeSynonyms: true, includeDocumentation: true);

        entries["retention.bytes"].Should().Be(("5000", false, (sbyte)1, 2, (sbyte)5)); // DYNAMIC_TOPIC_CONFIG, LONG
        entries["cleanup.policy"].Should().Be(("delete", false, (sbyte)5, 1, (sbyte)7)); // DEFAULT_CONFIG, LIST
        entries["preallocate"].Type.Should().Be(1); // BOOLEAN
        entries["max.message.bytes"].Type.Should().Be(3); // INT
    }

    [Test]
    public async Task DescribeConfigs_of_another_broker_answers_InvalidRequest()
    {
        using var connection = Connect(1);
        var reader = await connection.SendAsync(ApiKey.DescribeConfigs, 1, w =>
        {
            w.WriteInt32(1);
            w.WriteInt8(4);
            w.WriteString("2");
            w.WriteInt32(-1);
            w.WriteBool(false);
        });

        reader.ReadInt32();
        reader.ReadArrayLength().Should().Be(1);
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.InvalidRequest);
        reader.ReadNullableString().Should().Contain("expected 1");
    }

    [Test]
    public async Task DescribeConfigs_answers_an_injected_error()
    {
        _cluster.InjectErrors(ApiKey.DescribeConfigs, ErrorCode.PolicyViolation, 1, brokerId: 2);
        using var connection = Connect(2);

        var reader = await connection.SendAsync(ApiKey.DescribeConfigs, 1, w =>
        {
            w.WriteInt32(1);
            w.WriteInt8(2);
            w.WriteString("wire");
            w.WriteInt32(-1);
            w.WriteBool(false);
        });

        reader.ReadInt32();
        reader.ReadArrayLength().Should().Be(1);
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.PolicyViolation);
    }

    [Test]
    public async Task DeleteRecords_of_an_unknown_partition_answers_UnknownTopicOrPartition()
    {
        // librdkafka never sends this (it waits for the partition to appear in metadata), kafkajs can.
        using var connection = Connect(1);

        var reader = await connection.SendAsync(ApiKey.DeleteRecords, 0, w =>
        {
            w.WriteInt32(1);
            w.WriteString("wire");
            w.WriteInt32(1);
            w.WriteInt32(7);
            w.WriteInt64(1);
            w.WriteInt32(1000);
        });

        reader.ReadInt32();
        reader.ReadArrayLength().Should().Be(1);
        reader.ReadString().Should().Be("wire");
        reader.ReadArrayLength().Should().Be(1);
        reader.ReadInt32().Should().Be(7);
        reader.ReadInt64().Should().Be(-1);
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.UnknownTopicOrPartition);
    }

    [Test]
    public async Task DeleteRecords_on_a_broker_that_does_not_lead_the_partition_answers_NotLeaderOrFollower()
    {
        var follower = new[] { 1, 2, 3 }.First(id => id != _cluster.LeaderOf("wire", 0));
        using var connection = Connect(follower);

        var reader = await connection.SendAsync(ApiKey.DeleteRecords, 1, w =>
        {
            w.WriteInt32(1);
            w.WriteString("wire");
            w.WriteInt32(1);
            w.WriteInt32(0);
            w.WriteInt64(-1);
            w.WriteInt32(1000);
        });

        reader.ReadInt32();
        reader.ReadArrayLength().Should().Be(1);
        reader.ReadString().Should().Be("wire");
        reader.ReadArrayLength().Should().Be(1);
        reader.ReadInt32().Should().Be(0);
        reader.ReadInt64().Should().Be(-1);
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.NotLeaderOrFollower);
    }

    private KafkaWireClient Connect(int brokerId) => KafkaWireClient.Connect(_cluster.Brokers.Single(b => b.Id == brokerId).Endpoint, "raw-admin-test");

    private async Task<Dictionary<string, (string? Value, bool Flag, sbyte Source, int Synonyms, sbyte Type)>> DescribeTopic(short version, bool includeSynonyms, bool includeDocumentation)
    {
        using var connection = Connect(1);
        var reader = await connection.SendAsync(ApiKey.DescribeConfigs, version, w =>
        {
            w.WriteInt32(1);
            w.WriteInt8(2);
            w.WriteString("wire");
            w.WriteInt32(-1);
            if (version >= 1)
            {
                w.WriteBool(includeSynonyms);
            }

            if (version >= 3)
            {
                w.WriteBool(includeDocumentation);
            }
        });

        reader.ReadInt32().Should().Be(0);
        reader.ReadArrayLength().Should().Be(1);
        ((ErrorCode)reader.ReadInt16()).Should().Be(ErrorCode.None);
        reader.ReadNullableString().Should().BeNull();
        reader.ReadInt8().Should().Be(2);
        reader.ReadString().Should().Be("wire");
        var entries = new Dictionary<string, (string?, bool, sbyte, int, sbyte)>();
        for (var count = reader.ReadArrayLength(); count > 0; count--)
        {
            var name = reader.ReadString();
            var value = reader.ReadNullableString();
            reader.ReadBool().Should().BeFalse(); // read_only
            var isDefault = version == 0 && reader.ReadBool();
            var source = version >= 1 ? reader.ReadInt8() : (sbyte)-1;
            reader.ReadBool().Should().BeFalse(); // is_sensitive
            var synonyms = 0;
            if (version >= 1)
            {
                synonyms = reader.ReadArrayLength();
                for (var s = 0; s < synonyms; s++)
                {
                    reader.ReadString();
                    reader.ReadNullableString();
                    reader.ReadInt8();
                }
            }

            sbyte type = -1;
            if (version >= 3)
            {
                type = reader.ReadInt8();
                reader.ReadNullableString();
            }

            entries[name] = (value, isDefault, source, synonyms, type);
        }

        reader.Remaining.Should().Be(0);
        return entries;
    }

    private static void WriteCreateTopic(KafkaWriter writer, string name, bool? validateOnly)
    {
        writer.WriteInt32(1);
        WriteTopicEntry(writer, name);
        writer.WriteInt32(0);
        if (validateOnly is { } value)
        {
            writer.WriteBool(value);
        }
    }

    private static void WriteTopicEntry(KafkaWriter writer, string name)
    {
        writer.WriteString(name);
        writer.WriteInt32(1);
        writer.WriteInt16(1);
        writer.WriteInt32(0); // assignments
        writer.WriteInt32(0); // configs
    }
}
