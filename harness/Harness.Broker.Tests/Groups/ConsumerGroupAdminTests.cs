using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Broker.Cluster;
using Harness.Testing;

namespace Harness.Broker.Tests.Groups;

/// <summary>The AdminClient's consumer group operations (Confluent.Kafka 2.16) against the embedded broker.</summary>
[Category("Integration")]
public sealed class ConsumerGroupAdminTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static ConsumerConfig Config(EmbeddedCluster cluster, string groupId, string clientId) => new()
    {
        BootstrapServers = cluster.BootstrapServers,
        GroupId = groupId,
        ClientId = clientId,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        SessionTimeoutMs = 6000,
        HeartbeatIntervalMs = 300,
        EnableAutoCommit = false,
    };

    private static IAdminClient Admin(EmbeddedCluster cluster) =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();

    [Test]
    public async Task AdminClient_ListConsumerGroups_and_DescribeConsumerGroups_show_members_and_state()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("orders", 4);
        cluster.CreateTopic("other", 1);
        using var admin = Admin(cluster);
        using var a = new GroupConsumer("a", Config(cluster, "active", "client-a"), "orders");
        using var b = new GroupConsumer("b", Config(cluster, "active", "client-b"), "orders");
        await Eventually.TrueAsync(() => a.Assignment.Count + b.Assignment.Count == 4 && a.Assignment.Count > 0 && b.Assignment.Count > 0, Timeout, "both consumers are assigned");
        await admin.AlterConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitionOffsets("simple", [new TopicPartitionOffset("other", 0, 3)])]);

        var listed = await admin.ListConsumerGroupsAsync();
        listed.Valid.Select(g => g.GroupId).Should().BeEquivalentTo(["active", "simple"], "each group is listed once, by its coordinator");

        // ListGroups v4 carries each group's state besides the protocol type, and filters by state.
        listed.Valid.Single(g => g.GroupId == "active").Should().BeEquivalentTo(new { IsSimpleConsumerGroup = false, State = ConsumerGroupState.Stable });
        listed.Valid.Single(g => g.GroupId == "simple").Should().BeEquivalentTo(new { IsSimpleConsumerGroup = true, State = ConsumerGroupState.Empty });
        var stable = await admin.ListConsumerGroupsAsync(new ListConsumerGroupsOptions { MatchStates = [ConsumerGroupState.Stable] });
        stable.Valid.Select(g => g.GroupId).Should().Equal("active");

        var described = (await admin.DescribeConsumerGroupsAsync(["active", "simple", "missing"])).ConsumerGroupDescriptions;
        var active = described.Single(d => d.GroupId == "active");
        active.State.Should().Be(ConsumerGroupState.Stable);
        active.PartitionAssignor.Should().Be("range");
        active.Members.Select(m => m.ClientId).Should().BeEquivalentTo(["client-a", "client-b"]);
        active.Members.Should().OnlyContain(m => m.ConsumerId.StartsWith(m.ClientId + "-", StringComparison.Ordinal) && m.Host == "/127.0.0.1");
        active.Members.SelectMany(m => m.Assignment.TopicPartitions).Select(p => p.Partition.Value).Should().BeEquivalentTo([0, 1, 2, 3]);
        described.Single(d => d.GroupId == "simple").State.Should().Be(ConsumerGroupState.Empty);
        described.Single(d => d.GroupId == "missing").State.Should().Be(ConsumerGroupState.Dead);
    }

    [Test]
    public async Task AdminClient_AlterConsumerGroupOffsets_and_ListConsumerGroupOffsets_round_trip()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("orders", 3);
        using var admin = Admin(cluster);
        var altered = await admin.AlterConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitionOffsets("g", [
            new TopicPartitionOffset("orders", 0, new Offset(5)),
            new TopicPartitionOffset("orders", 2, new Offset(9)),
        ])]);
        altered.Single().Partitions.Should().OnlyContain(p => p.Error.Code == ErrorCode.NoError);

        var listed = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions("g", [
            new TopicPartition("orders", 0), new TopicPartition("orders", 1), new TopicPartition("orders", 2),
        ])]);
        listed.Single().Partitions.Select(p => (p.Partition.Value, p.Offset.Value)).Should().BeEquivalentTo([(0, 5L), (1, -1001L), (2, 9L)]);

        var all = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions("g", null)]);
        all.Single().Partitions.Select(p => (p.Partition.Value, p.Offset.Value)).Should().BeEquivalentTo([(0, 5L), (2, 9L)]);

        // An active group refuses admin commits: they would race the members' own.
        using var consumer = new GroupConsumer("c", Config(cluster, "g", "c"), "orders");
        await Eventually.TrueAsync(() => consumer.Assignment.Count == 3, Timeout, "the consumer is assigned");
        var refused = async () => await admin.AlterConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitionOffsets("g", [new TopicPartitionOffset("orders", 1, 1)])]);
        (await refused.Should().ThrowAsync<AlterConsumerGroupOffsetsException>())
            .Which.Results.Single().Partitions.Single().Error.Code.Should().Be(ErrorCode.UnknownMemberId);
    }

    [Test]
    public async Task AdminClient_DeleteConsumerGroupOffsets_refuses_topics_an_active_group_consumes()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("orders", 2);
        cluster.CreateTopic("retired", 2);
        using var admin = Admin(cluster);
        await admin.AlterConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitionOffsets("g", [
            new TopicPartitionOffset("orders", 0, 4), new TopicPartitionOffset("retired", 0, 6), new TopicPartitionOffset("retired", 1, 7),
        ])]);
        using var consumer = new GroupConsumer("c", Config(cluster, "g", "c"), "orders");
        await Eventually.TrueAsync(() => consumer.Assignment.Count == 2, Timeout, "the consumer is assigned");

        var refused = async () => await admin.DeleteConsumerGroupOffsetsAsync("g", [new TopicPartition("orders", 0)]);
        (await refused.Should().ThrowAsync<DeleteConsumerGroupOffsetsException>())
            .Which.Result.Partitions.Single().Error.Code.Should().Be(ErrorCode.GroupSubscribedToTopic);

        var deleted = await admin.DeleteConsumerGroupOffsetsAsync("g", [new TopicPartition("retired", 0)]);
        deleted.Partitions.Should().ContainSingle();
        var remaining = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions("g", null)]);
        remaining.Single().Partitions.Select(p => $"{p.Topic}/{p.Partition.Value}").Should().BeEquivalentTo(["orders/0", "retired/1"]);
    }

    [Test]
    public async Task AdminClient_DeleteGroups_refuses_active_and_unknown_groups_and_deletes_empty_ones()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("orders", 2);
        using var admin = Admin(cluster);
        await admin.AlterConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitionOffsets("idle", [new TopicPartitionOffset("orders", 0, 1)])]);
        using var consumer = new GroupConsumer("c", Config(cluster, "busy", "c"), "orders");
        await Eventually.TrueAsync(() => consumer.Assignment.Count == 2, Timeout, "the consumer is assigned");

        var refused = async () => await admin.DeleteGroupsAsync(["busy", "missing"]);
        var errors = (await refused.Should().ThrowAsync<DeleteGroupsException>()).Which.Results.ToDictionary(r => r.Group, r => r.Error.Code);
        errors.Should().BeEquivalentTo(new Dictionary<string, ErrorCode> { ["busy"] = ErrorCode.NonEmptyGroup, ["missing"] = ErrorCode.GroupIdNotFound });

        await admin.DeleteGroupsAsync(["idle"]);
        (await admin.ListConsumerGroupsAsync()).Valid.Select(g => g.GroupId).Should().Equal("busy");
        var offsets = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions("idle", null)]);
        offsets.Single().Partitions.Should().BeEmpty("the deleted group's offsets went with it");
    }
}
