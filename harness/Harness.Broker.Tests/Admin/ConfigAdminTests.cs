using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Broker.Cluster;

namespace Harness.Broker.Tests.Admin;

/// <summary>DescribeConfigs, AlterConfigs and IncrementalAlterConfigs through Confluent.Kafka's AdminClient.</summary>
[Category("Integration")]
public sealed class ConfigAdminTests
{
    private EmbeddedCluster _cluster = null!;
    private IAdminClient _admin = null!;

    [OneTimeSetUp]
    public void StartCluster()
    {
        _cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { DefaultPartitions = 2, AutoCreateTopics = true });
        _admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
    }

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        _admin.Dispose();
        await _cluster.DisposeAsync();
    }

    [Test]
    public async Task AdminClient_DescribeConfigs_tells_explicit_topic_configs_from_defaults()
    {
        _cluster.CreateTopic("described", 1, configs: new Dictionary<string, string> { ["cleanup.policy"] = "compact" });

        var entries = await DescribeTopic("described");

        var policy = entries["cleanup.policy"];
        policy.Value.Should().Be("compact");
        policy.IsDefault.Should().BeFalse();
        policy.Source.Should().Be(ConfigSource.DynamicTopicConfig);
        policy.Synonyms.Select(s => (s.Name, s.Value, s.Source)).Should().Equal(
            ("cleanup.policy", "compact", ConfigSource.DynamicTopicConfig),
            ("log.cleanup.policy", "delete", ConfigSource.DefaultConfig));
        var retention = entries["retention.ms"];
        retention.Value.Should().Be("-1");
        retention.IsDefault.Should().BeTrue();
        retention.Source.Should().Be(ConfigSource.DefaultConfig);
        entries.Values.Should().OnlyContain(e => !e.IsReadOnly && !e.IsSensitive);
        entries.Should().ContainKeys("max.message.bytes", "min.insync.replicas", "retention.bytes", "message.timestamp.type");
    }

    [Test]
    public async Task AdminClient_DescribeConfigs_of_an_unknown_topic_fails_with_UnknownTopicOrPart()
    {
        var act = () => DescribeTopic("unknown");

        var thrown = await act.Should().ThrowAsync<DescribeConfigsException>();
        thrown.Which.Results.Single().Error.Code.Should().Be(ErrorCode.UnknownTopicOrPart);
    }

    [Test]
    public async Task AdminClient_DescribeConfigs_of_a_broker_reports_the_cluster_options()
    {
        var results = await _admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Broker, Name = "2" }]);

        var entries = results.Single().Entries;
        entries["broker.id"].Value.Should().Be("2");
        entries["num.partitions"].Value.Should().Be("2");
        entries["auto.create.topics.enable"].Value.Should().Be("true");
        entries["default.replication.factor"].Value.Should().Be("3");
        entries["log.retention.ms"].Value.Should().Be("-1");
        entries["message.max.bytes"].Value.Should().Be("1048588");
        entries["advertised.listeners"].Value.Should().Be($"PLAINTEXT://{_cluster.Brokers[1].Endpoint}");
        entries.Values.Should().OnlyContain(e => e.Source == ConfigSource.StaticBrokerConfig && e.IsReadOnly && !e.IsDefault);
    }

    [Test]
    public async Task AdminClient_AlterConfigs_replaces_the_whole_set_of_explicit_configs()
    {
        _cluster.CreateTopic("altered", 1, configs: new Dictionary<string, string> { ["cleanup.policy"] = "compact", ["retention.ms"] = "600000" });

#pragma warning disable CS0618 // AlterConfigs is deprecated in favour of IncrementalAlterConfigs, but clients still send it.
        await _admin.AlterConfigsAsync(new Dictionary<ConfigResource, List<ConfigEntry>>
        {
            [new ConfigResource { Type = ResourceType.Topic, Name = "altered" }] = [new ConfigEntry { Name = "retention.ms", Value = "3600000" }, new ConfigEntry { Name = "max.message.bytes", Value = "2000000" }],
        });
#pragma warning restore CS0618

        var entries = await DescribeTopic("altered");
        entries["retention.ms"].Value.Should().Be("3600000");
        entries["max.message.bytes"].Value.Should().Be("2000000");
        entries["max.message.bytes"].Source.Should().Be(ConfigSource.DynamicTopicConfig);
        entries["cleanup.policy"].Value.Should().Be("delete", "AlterConfigs drops every config it does not name");
        entries["cleanup.policy"].Source.Should().Be(ConfigSource.DefaultConfig);
    }

    [Test]
    public async Task AdminClient_AlterConfigs_validate_only_and_bad_values_change_nothing()
    {
        _cluster.CreateTopic("kept", 1, configs: new Dictionary<string, string> { ["retention.ms"] = "600000" });
        var resource = new ConfigResource { Type = ResourceType.Topic, Name = "kept" };

#pragma warning disable CS0618 // AlterConfigs is deprecated in favour of IncrementalAlterConfigs, but clients still send it.
        await _admin.AlterConfigsAsync(new Dictionary<ConfigResource, List<ConfigEntry>> { [resource] = [new ConfigEntry { Name = "retention.ms", Value = "1" }] },
            new AlterConfigsOptions { ValidateOnly = true });
        var act = () => _admin.AlterConfigsAsync(new Dictionary<ConfigResource, List<ConfigEntry>> { [resource] = [new ConfigEntry { Name = "retention.ms", Value = "soon" }] });
#pragma warning restore CS0618

        var thrown = await act.Should().ThrowAsync<AlterConfigsException>();
        thrown.Which.Results.Single().Error.Code.Should().Be(ErrorCode.InvalidConfig);
        (await DescribeTopic("kept"))["retention.ms"].Value.Should().Be("600000");
    }

    [Test]
    public async Task AdminClient_AlterConfigs_of_a_broker_is_refused_with_a_reason()
    {
#pragma warning disable CS0618 // AlterConfigs is deprecated in favour of IncrementalAlterConfigs, but clients still send it.
        var act = () => _admin.AlterConfigsAsync(new Dictionary<ConfigResource, List<ConfigEntry>>
        {
            [new ConfigResource { Type = ResourceType.Broker, Name = "1" }] = [new ConfigEntry { Name = "log.retention.ms", Value = "1000" }],
        });
#pragma warning restore CS0618

        var thrown = await act.Should().ThrowAsync<AlterConfigsException>();
        thrown.Which.Results.Single().Error.Code.Should().Be(ErrorCode.InvalidRequest);
        thrown.Which.Results.Single().Error.Reason.Should().Contain("log.retention.ms");
    }

    [Test]
    public async Task AdminClient_IncrementalAlterConfigs_sets_deletes_appends_and_subtracts()
    {
        _cluster.CreateTopic("incremental", 1, configs: new Dictionary<string, string> { ["retention.ms"] = "600000", ["segment.ms"] = "1000" });
        var resource = new ConfigResource { Type = ResourceType.Topic, Name = "incremental" };

        await _admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, List<ConfigEntry>>
        {
            [resource] =
            [
                new ConfigEntry { Name = "retention.ms", Value = "7200000", IncrementalOperation = AlterConfigOpType.Set },
                new ConfigEntry { Name = "segment.ms", IncrementalOperation = AlterConfigOpType.Delete },
                new ConfigEntry { Name = "cleanup.policy", Value = "compact", IncrementalOperation = AlterConfigOpType.Append },
            ],
        });

        var entries = await DescribeTopic("incremental");
        entries["retention.ms"].Value.Should().Be("7200000");
        entries["segment.ms"].Source.Should().Be(ConfigSource.DefaultConfig);
        entries["segment.ms"].Value.Should().Be("604800000");
        entries["cleanup.policy"].Value.Should().Be("delete,compact", "APPEND starts from the default list");

        await _admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, List<ConfigEntry>>
        {
            [resource] = [new ConfigEntry { Name = "cleanup.policy", Value = "delete", IncrementalOperation = AlterConfigOpType.Subtract }],
        });

        (await DescribeTopic("incremental"))["cleanup.policy"].Value.Should().Be("compact");
    }

    [Test]
    public async Task AdminClient_IncrementalAlterConfigs_append_to_a_scalar_config_fails_with_InvalidConfig()
    {
        _cluster.CreateTopic("scalar", 1);

        var act = () => _admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, List<ConfigEntry>>
        {
            [new ConfigResource { Type = ResourceType.Topic, Name = "scalar" }] = [new ConfigEntry { Name = "retention.ms", Value = "1", IncrementalOperation = AlterConfigOpType.Append }],
        });

        var thrown = await act.Should().ThrowAsync<IncrementalAlterConfigsException>();
        thrown.Which.Results.Single().Error.Code.Should().Be(ErrorCode.InvalidConfig);
    }

    [Test]
    public async Task AdminClient_IncrementalAlterConfigs_retention_bytes_trims_old_batches_at_once()
    {
        // 100-byte segments: every batch rolls the segment, so retention can drop all but the active one on either storage.
        _cluster.CreateTopic("trimmed", 1, configs: new Dictionary<string, string> { ["segment.bytes"] = "100" });
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers, LingerMs = 0 }).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                await producer.ProduceAsync("trimmed", new Message<Null, string> { Value = $"batch {i}" });
            }
        }

        await _admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, List<ConfigEntry>>
        {
            [new ConfigResource { Type = ResourceType.Topic, Name = "trimmed" }] = [new ConfigEntry { Name = "retention.bytes", Value = "1", IncrementalOperation = AlterConfigOpType.Set }],
        });

        _cluster.LogStartOffset("trimmed", 0).Should().Be(9, "retention keeps only the active segment (the last batch), as Kafka does");
        _cluster.HighWatermark("trimmed", 0).Should().Be(10);
        (await DescribeTopic("trimmed"))["retention.bytes"].Source.Should().Be(ConfigSource.DynamicTopicConfig);
    }

    private async Task<Dictionary<string, ConfigEntryResult>> DescribeTopic(string topic)
    {
        var results = await _admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = topic }]);
        return results.Single().Entries;
    }
}
