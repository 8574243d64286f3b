using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Testing;

namespace Harness.Broker.Tests.Groups;

/// <summary>Consumer groups as librdkafka (Confluent.Kafka 2.16) uses them: subscribe, rebalance, commit, failover.</summary>
[Category("Integration")]
public sealed class ConsumerGroupTests
{
    private static readonly TimeSpan RebalanceTimeout = TimeSpan.FromSeconds(20);

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

    private static void AssertFullAndDisjoint(IReadOnlyList<GroupConsumer> consumers, string topic, int partitions)
    {
        var all = consumers.SelectMany(c => c.Assignment).ToList();
        all.Should().OnlyHaveUniqueItems("no partition may be assigned twice");
        all.Select(p => p.Partition.Value).Should().BeEquivalentTo(Enumerable.Range(0, partitions));
        all.Should().OnlyContain(p => p.Topic == topic);
    }

    private static bool IsFullAndDisjoint(IReadOnlyList<GroupConsumer> consumers, int partitions)
    {
        var all = consumers.SelectMany(c => c.Assignment).Select(p => p.Partition.Value).ToList();
        return all.Count == partitions && all.Distinct().Count() == partitions && consumers.All(c => c.Assignment.Count > 0);
    }

    [Test]
    public async Task Three_consumers_share_six_partitions_and_rebalance_when_one_joins_and_one_leaves()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("orders", 6);
        var consumers = new List<GroupConsumer>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                consumers.Add(new GroupConsumer($"c{i}", Config(cluster, "g1", $"c{i}"), "orders"));
            }

            await Eventually.TrueAsync(() => IsFullAndDisjoint(consumers, 6), RebalanceTimeout, "three consumers own all six partitions");
            AssertFullAndDisjoint(consumers, "orders", 6);
            consumers.Should().OnlyContain(c => c.Assignment.Count == 2);

            consumers.Add(new GroupConsumer("c3", Config(cluster, "g1", "c3"), "orders"));
            await Eventually.TrueAsync(() => IsFullAndDisjoint(consumers, 6), RebalanceTimeout, "four consumers own all six partitions");
            AssertFullAndDisjoint(consumers, "orders", 6);

            consumers[0].Dispose();
            consumers.RemoveAt(0);
            await Eventually.TrueAsync(() => IsFullAndDisjoint(consumers, 6) && consumers.All(c => c.Assignment.Count == 2), RebalanceTimeout,
                "the three remaining consumers own all six partitions");
            AssertFullAndDisjoint(consumers, "orders", 6);
        }
        finally
        {
            consumers.ForEach(c => c.Dispose());
        }
    }

    [Test]
    public async Task A_consumer_that_dies_without_leaving_is_expired_and_its_partitions_reassigned()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("orders", 6);
        var consumers = Enumerable.Range(0, 3).Select(i => new GroupConsumer($"c{i}", Config(cluster, "g2", $"c{i}"), "orders")).ToList();
        try
        {
            await Eventually.TrueAsync(() => IsFullAndDisjoint(consumers, 6), RebalanceTimeout, "three consumers own all six partitions");

            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            consumers[0].Stop(leave: false);
            consumers[0].Dispose();
            consumers.RemoveAt(0);
            await Eventually.TrueAsync(() => IsFullAndDisjoint(consumers, 6) && consumers.All(c => c.Assignment.Count == 3), RebalanceTimeout,
                "the survivors take over the dead consumer's partitions");
            TestContext.Out.WriteLine($"reassigned after {stopwatch.Elapsed}");
            AssertFullAndDisjoint(consumers, "orders", 6);
        }
        finally
        {
            consumers.ForEach(c => c.Dispose());
        }
    }

    [Test]
    public async Task A_new_consumer_resumes_from_committed_offsets_without_rereading_or_skipping()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("orders", 6);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        async Task ProduceAsync(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                await producer.ProduceAsync(new TopicPartition("orders", i % 6), new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
            }
        }

        await ProduceAsync(0, 300);
        using (var first = new GroupConsumer("first", Config(cluster, "g3", "first"), "orders"))
        {
            await Eventually.TrueAsync(() => first.Consumed.Count == 300, RebalanceTimeout, "the first consumer read every record");
            var committed = first.Commit();
            committed.Should().HaveCount(6);
            committed.Sum(c => c.Offset.Value).Should().Be(300);
        }

        await ProduceAsync(300, 450);
        using var second = new GroupConsumer("second", Config(cluster, "g3", "second"), "orders");
        await Eventually.TrueAsync(() => second.Consumed.Count >= 150, RebalanceTimeout, "the second consumer read the new records");
        second.Consumed.Select(r => r.Message.Value).Should().BeEquivalentTo(Enumerable.Range(300, 150).Select(i => $"v{i}"),
            "the second consumer starts exactly at the committed offsets");
    }

    [Test]
    public async Task The_group_carries_on_after_its_coordinator_broker_is_killed()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("orders", 6);
        var consumers = Enumerable.Range(0, 2).Select(i => new GroupConsumer($"c{i}", Config(cluster, "g4", $"c{i}"), "orders")).ToList();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        try
        {
            await Eventually.TrueAsync(() => IsFullAndDisjoint(consumers, 6), RebalanceTimeout, "two consumers own all six partitions");
            var before = (await admin.DescribeConsumerGroupsAsync(["g4"])).ConsumerGroupDescriptions.Single();
            before.State.Should().Be(ConsumerGroupState.Stable);

            cluster.KillBroker(before.Coordinator.Id);
            for (var i = 0; i < 60; i++)
            {
                await producer.ProduceAsync(new TopicPartition("orders", i % 6), new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
            }

            await Eventually.TrueAsync(() => consumers.Sum(c => c.Consumed.Count) == 60, RebalanceTimeout, "the group consumes records produced after the kill");
            // A fresh admin client: librdkafka's admin client caches the dead coordinator and waits for it to return.
            using var freshAdmin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
            var after = (await freshAdmin.DescribeConsumerGroupsAsync(["g4"])).ConsumerGroupDescriptions.Single();
            after.Coordinator.Id.Should().NotBe(before.Coordinator.Id);
            after.Members.Should().HaveCount(2);
            AssertFullAndDisjoint(consumers, "orders", 6);
        }
        finally
        {
            consumers.ForEach(c => c.Dispose());
        }
    }
}
