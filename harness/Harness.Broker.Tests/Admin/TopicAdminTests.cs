using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Broker.Cluster;
using BrokerApi = Harness.Broker.Protocol.ApiKey;
using BrokerError = Harness.Broker.Protocol.ErrorCode;

namespace Harness.Broker.Tests.Admin;

/// <summary>CreateTopics, DeleteTopics and CreatePartitions through Confluent.Kafka's AdminClient.</summary>
[Category("Integration")]
public sealed class TopicAdminTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private EmbeddedCluster _cluster = null!;
    private IAdminClient _admin = null!;

    [OneTimeSetUp]
    public void StartCluster()
    {
        _cluster = EmbeddedCluster.Start();
        _admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
    }

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        _admin.Dispose();
        await _cluster.DisposeAsync();
    }

    [Test]
    public async Task AdminClient_CreateTopics_creates_the_topic_with_its_partitions_replicas_and_configs()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification
        {
            Name = "created", NumPartitions = 4, ReplicationFactor = 2,
            Configs = new Dictionary<string, string> { ["retention.bytes"] = "1000000" },
        }]);

        var topic = _admin.GetMetadata("created", Timeout).Topics.Single();
        topic.Error.Code.Should().Be(ErrorCode.NoError);
        topic.Partitions.Should().HaveCount(4);
        topic.Partitions.Should().OnlyContain(p => p.Replicas.Length == 2 && p.Leader == p.Replicas[0]);
        var described = await _admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = "created" }]);
        described.Single().Entries["retention.bytes"].Value.Should().Be("1000000");
    }

    [Test]
    public async Task AdminClient_DescribeTopics_reports_each_topics_own_random_id()
    {
        _cluster.CreateTopic("with-id-a", 1);
        _cluster.CreateTopic("with-id-b", 1);

        var described = await _admin.DescribeTopicsAsync(TopicCollection.OfTopicNames(["with-id-a", "with-id-b"]));

        var ids = described.TopicDescriptions.ToDictionary(d => d.Name, d => (d.TopicId.MostSignificantBits, d.TopicId.LeastSignificantBits));
        ids["with-id-a"].Should().Be(Halves(_cluster.TopicId("with-id-a")), "Metadata v10+ carries the topic id");
        ids["with-id-b"].Should().Be(Halves(_cluster.TopicId("with-id-b")));
        ids["with-id-a"].Should().NotBe(ids["with-id-b"]).And.NotBe((0L, 0L));
    }

    /// <summary>A topic id as Kafka's two 64-bit halves of its 16 big-endian bytes.</summary>
    private static (long, long) Halves(Guid id)
    {
        var bytes = new byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes), System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(8)));
    }

    [Test]
    public async Task AdminClient_CreateTopics_with_defaults_takes_the_cluster_defaults()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "defaults", NumPartitions = -1, ReplicationFactor = -1 }]);

        var topic = _admin.GetMetadata("defaults", Timeout).Topics.Single();
        topic.Partitions.Should().ContainSingle().Which.Replicas.Should().HaveCount(3);
    }

    [Test]
    public async Task AdminClient_CreateTopics_with_a_manual_assignment_places_the_replicas_as_asked()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification
        {
            // librdkafka wants the partition count here but sends -1 with the assignment, as Kafka requires.
            Name = "assigned", NumPartitions = 2, ReplicationFactor = -1,
            ReplicasAssignments = new Dictionary<int, List<int>> { [0] = [3, 1], [1] = [2, 3] },
        }]);

        var partitions = _admin.GetMetadata("assigned", Timeout).Topics.Single().Partitions.OrderBy(p => p.PartitionId).ToList();
        partitions.Select(p => p.Replicas).Should().BeEquivalentTo(new[] { new[] { 3, 1 }, new[] { 2, 3 } }, o => o.WithStrictOrdering());
        partitions[0].Leader.Should().Be(3);
    }

    [Test]
    public async Task AdminClient_CreateTopics_for_an_existing_topic_fails_with_TopicAlreadyExists()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "twice", NumPartitions = 1 }]);

        var error = await CreateFails(new TopicSpecification { Name = "twice", NumPartitions = 1 });

        error.Code.Should().Be(ErrorCode.TopicAlreadyExists);
        error.Reason.Should().Contain("already exists");
    }

    [Test]
    public async Task AdminClient_CreateTopics_with_an_unknown_config_fails_with_InvalidConfig()
    {
        var error = await CreateFails(new TopicSpecification
        {
            Name = "bad-config", NumPartitions = 1, Configs = new Dictionary<string, string> { ["no.such.config"] = "1" },
        });

        error.Code.Should().Be(ErrorCode.InvalidConfig);
        error.Reason.Should().Contain("no.such.config");
        _cluster.TopicNames.Should().NotContain("bad-config");
    }

    [Test]
    public async Task AdminClient_CreateTopics_with_an_invalid_config_value_fails_with_InvalidConfig()
    {
        var error = await CreateFails(new TopicSpecification
        {
            Name = "bad-value", NumPartitions = 1, Configs = new Dictionary<string, string> { ["min.insync.replicas"] = "0" },
        });

        error.Code.Should().Be(ErrorCode.InvalidConfig);
        error.Reason.Should().Contain("at least 1");
    }

    [Test]
    public async Task AdminClient_CreateTopics_with_zero_partitions_fails_with_InvalidPartitions()
    {
        var error = await CreateFails(new TopicSpecification { Name = "no-partitions", NumPartitions = 0 });

        error.Code.Should().Be(ErrorCode.InvalidPartitions);
    }

    [Test]
    public async Task AdminClient_CreateTopics_with_more_replicas_than_brokers_fails_with_InvalidReplicationFactor()
    {
        var error = await CreateFails(new TopicSpecification { Name = "too-many-replicas", NumPartitions = 1, ReplicationFactor = 4 });

        error.Code.Should().Be(ErrorCode.InvalidReplicationFactor);
    }

    [Test]
    public async Task AdminClient_CreateTopics_with_an_invalid_name_fails_with_InvalidTopic()
    {
        var error = await CreateFails(new TopicSpecification { Name = "bad/name", NumPartitions = 1 });

        error.Code.Should().Be(ErrorCode.TopicException);
    }

    [Test]
    public async Task AdminClient_CreateTopics_with_an_assignment_to_an_unknown_broker_fails_with_InvalidReplicaAssignment()
    {
        var error = await CreateFails(new TopicSpecification
        {
            Name = "unknown-broker", NumPartitions = 1, ReplicationFactor = -1, ReplicasAssignments = new Dictionary<int, List<int>> { [0] = [1, 9] },
        });

        error.Code.Should().Be(ErrorCode.InvalidReplicaAssignment);
    }

    [Test]
    public async Task AdminClient_CreateTopics_validate_only_checks_but_creates_nothing()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "validated", NumPartitions = 2 }], new CreateTopicsOptions { ValidateOnly = true });

        _cluster.TopicNames.Should().NotContain("validated");
        var invalid = await CreateFails(new TopicSpecification { Name = "validated", NumPartitions = 0 }, validateOnly: true);
        invalid.Code.Should().Be(ErrorCode.InvalidPartitions);
    }

    [Test]
    public async Task AdminClient_CreateTopics_answers_an_injected_error()
    {
        _cluster.InjectErrors(BrokerApi.CreateTopics, BrokerError.PolicyViolation, 1, brokerId: 1); // broker 1 is the controller

        var error = await CreateFails(new TopicSpecification { Name = "injected", NumPartitions = 1 });

        error.Code.Should().Be(ErrorCode.PolicyViolation);
        _cluster.TopicNames.Should().NotContain("injected");
    }

    [Test]
    public async Task AdminClient_CreateTopics_follows_the_controller_when_it_dies_and_not_when_a_broker_returns()
    {
        await using var cluster = EmbeddedCluster.Start();

        // librdkafka learns a new controller only from a metadata refresh, which a dead controller does not
        // trigger (against Kafka too): refresh often so the test need not wait the default five minutes.
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers, TopicMetadataRefreshIntervalMs = 500 }).Build();
        cluster.KillBroker(1);
        await admin.CreateTopicsAsync([new TopicSpecification { Name = "while-2-controls", NumPartitions = 1, ReplicationFactor = 2 }]);

        // A returning broker does not take the controller role back (librdkafka caches the controller and
        // would not retry a NOT_CONTROLLER answer); the role moves only when its holder dies.
        cluster.RestartBroker(1);
        await admin.CreateTopicsAsync([new TopicSpecification { Name = "after-1-returned", NumPartitions = 1, ReplicationFactor = 2 }]);
        cluster.KillBroker(2);
        for (var attempt = 1; !cluster.TopicNames.Contains("after-2-died"); attempt++)
        {
            try
            {
                await admin.CreateTopicsAsync([new TopicSpecification { Name = "after-2-died", NumPartitions = 1, ReplicationFactor = 2 }],
                    new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
            }
            catch (KafkaException e) when (e.Error.Code is ErrorCode.Local_Transport or ErrorCode.Local_TimedOut && attempt < 4)
            {
                // Sent on the connection to the dead controller before the client saw it close (a transport error, or
                // on a loaded machine no answer within the request timeout): retry, as an application does against
                // Kafka when the controller dies under a request.
            }
        }

        cluster.TopicNames.Should().Contain(["while-2-controls", "after-1-returned", "after-2-died"]);
    }

    [Test]
    public async Task AdminClient_DeleteTopics_removes_the_topic_from_metadata()
    {
        _cluster.CreateTopic("doomed", 2);

        await _admin.DeleteTopicsAsync(["doomed"]);

        _cluster.TopicNames.Should().NotContain("doomed");
        _admin.GetMetadata(Timeout).Topics.Select(t => t.Topic).Should().NotContain("doomed");
        _admin.GetMetadata("doomed", Timeout).Topics.Single().Error.Code.Should().Be(ErrorCode.UnknownTopicOrPart);
    }

    [Test]
    public async Task AdminClient_DeleteTopics_of_an_unknown_topic_fails_with_UnknownTopicOrPart()
    {
        var act = () => _admin.DeleteTopicsAsync(["never-existed"]);

        var thrown = await act.Should().ThrowAsync<DeleteTopicsException>();
        thrown.Which.Results.Single().Error.Code.Should().Be(ErrorCode.UnknownTopicOrPart);
    }

    [Test]
    public async Task AdminClient_CreatePartitions_increases_the_count_and_the_new_partitions_take_records()
    {
        _cluster.CreateTopic("growing", 2);

        await _admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = "growing", IncreaseTo = 5 }]);

        _admin.GetMetadata("growing", Timeout).Topics.Single().Partitions.Should().HaveCount(5);
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        var delivered = await producer.ProduceAsync(new TopicPartition("growing", 4), new Message<Null, string> { Value = "into a new partition" });
        delivered.Offset.Value.Should().Be(0);
        _cluster.HighWatermark("growing", 4).Should().Be(1);
    }

    [Test]
    public async Task AdminClient_CreatePartitions_with_assignments_places_the_new_replicas()
    {
        _cluster.CreateTopic("growing-assigned", 1, 2);

        await _admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = "growing-assigned", IncreaseTo = 3, ReplicaAssignments = [[3, 2], [1, 3]] }]);

        var partitions = _admin.GetMetadata("growing-assigned", Timeout).Topics.Single().Partitions.OrderBy(p => p.PartitionId).ToList();
        partitions[1].Replicas.Should().Equal(3, 2);
        partitions[2].Replicas.Should().Equal(1, 3);
    }

    [Test]
    public async Task AdminClient_CreatePartitions_to_a_smaller_count_fails_with_InvalidPartitions()
    {
        _cluster.CreateTopic("shrinking", 3);

        var act = () => _admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = "shrinking", IncreaseTo = 2 }]);

        var thrown = await act.Should().ThrowAsync<CreatePartitionsException>();
        thrown.Which.Results.Single().Error.Code.Should().Be(ErrorCode.InvalidPartitions);
        thrown.Which.Results.Single().Error.Reason.Should().Contain("currently has 3 partitions");
    }

    [Test]
    public async Task AdminClient_CreatePartitions_validate_only_leaves_the_count_unchanged()
    {
        _cluster.CreateTopic("not-growing", 1);

        await _admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = "not-growing", IncreaseTo = 4 }], new CreatePartitionsOptions { ValidateOnly = true });

        _admin.GetMetadata("not-growing", Timeout).Topics.Single().Partitions.Should().HaveCount(1);
    }

    [Test]
    public async Task AdminClient_CreatePartitions_of_an_unknown_topic_fails_with_UnknownTopicOrPart()
    {
        var act = () => _admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = "absent", IncreaseTo = 4 }]);

        var thrown = await act.Should().ThrowAsync<CreatePartitionsException>();
        thrown.Which.Results.Single().Error.Code.Should().Be(ErrorCode.UnknownTopicOrPart);
    }

    private async Task<Error> CreateFails(TopicSpecification topic, bool validateOnly = false)
    {
        var act = () => _admin.CreateTopicsAsync([topic], new CreateTopicsOptions { ValidateOnly = validateOnly });
        var thrown = await act.Should().ThrowAsync<CreateTopicsException>();
        return thrown.Which.Results.Single().Error;
    }
}
