using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Broker.Cluster;
using Harness.Mm2.Records;
using Harness.Replicator.Progress;
using Harness.Replicator.Tests.Support;
using Harness.Replicator.Topics;
using Harness.Testing;

namespace Harness.Replicator.Tests.Replication;

/// <summary>Progress kept in the target's offsets topic, as MirrorMaker 2 keeps it: written at commits, read at start.</summary>
[Category("Integration")]
public sealed class ProgressTopicTests
{
    private const string Topic = "mm2-offsets.source.internal";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Reading_to_the_end_keeps_the_latest_offset_of_a_key_drops_tombstoned_keys_and_skips_what_is_not_ours()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "target" });
        await CreateAsync(cluster, partitions: 3);
        using (var producer = Producer(cluster))
        {
            var log = new List<string>();
            var store = new ProgressStore(producer, Topic, "source", log.Add);
            store.Save([Progress("orders", 0, 10), Progress("orders", 1, 5), Progress("payments", 2, 7), Progress("idle", 0, 0)]);
            store.Save([Progress("orders", 0, 10), Progress("orders", 1, 20), Progress("payments", 2, 7)]);
            store.Flush(Timeout).Should().BeTrue();
            log.Should().BeEmpty();

            Write(producer, new SourceOffset(SourceOffset.MirrorSourceConnector, "source", "payments", 2, null));
            Write(producer, new SourceOffset("OtherConnector", "source", "orders", 0, 999));
            Write(producer, new SourceOffset(SourceOffset.MirrorSourceConnector, "elsewhere", "orders", 0, 999));
            producer.Produce(Topic, new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes("not json"), Value = Encoding.UTF8.GetBytes("{}") });
            producer.Flush(Timeout);
        }

        var read = new List<string>();
        var saved = Read(cluster, 3, read);

        saved.Should().BeEquivalentTo(new Dictionary<(string, int), long> { [("orders", 0)] = 10, [("orders", 1)] = 20 },
            "the next offset after the last one written, with payments-2 removed by its tombstone and nothing from another connector or cluster");
        read.Should().ContainSingle().Which.Should().Contain("not Connect source offsets");
    }

    [Test]
    public async Task Only_partitions_that_moved_are_written_and_each_as_the_offset_of_its_last_copied_record()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "target" });
        await CreateAsync(cluster, partitions: 1);
        using var producer = Producer(cluster);
        var store = new ProgressStore(producer, Topic, "source", _ => { });
        store.Loaded(new Dictionary<(string, int), long> { [("orders", 0)] = 10 });

        store.Save([Progress("orders", 0, 10), Progress("orders", 1, 3)]);
        store.Save([Progress("orders", 0, 12), Progress("orders", 1, 3)]);
        store.Flush(Timeout).Should().BeTrue();

        var records = Records.ReadAll(cluster, Topic, 1)[0];
        records.Select(r => Encoding.UTF8.GetString(r.Message.Key!) + " " + Encoding.UTF8.GetString(r.Message.Value!)).Should().Equal(
            """["MirrorSourceConnector",{"cluster":"source","partition":1,"topic":"orders"}] {"offset":2}""",
            """["MirrorSourceConnector",{"cluster":"source","partition":0,"topic":"orders"}] {"offset":11}""");
    }

    [Test]
    public async Task An_empty_or_new_topic_means_no_progress()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "target" });
        await CreateAsync(cluster, partitions: 2);

        Read(cluster, 2, []).Should().BeEmpty();
    }

    [Test]
    public async Task A_restart_against_the_same_clusters_resumes_where_the_stop_left_off()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("t", 2);
        Records.Produce(clusters.Source, "t", 2, 400);
        var properties = clusters.Properties(("emit.checkpoints.enabled", "false"), ("emit.heartbeats.enabled", "false"));
        await using (var first = await RunningReplicator.StartAsync(properties))
        {
            await Eventually.TrueAsync(() => first.Replicator.Metrics.TotalRecords == 400, Timeout, $"the first run copies everything\n{first}");
            await first.StopAsync();
        }

        Mm2Topics.Progress(clusters.Target).Should().BeEquivalentTo(new Dictionary<(string, int), long> { [("t", 0)] = 199, [("t", 1)] = 199 });
        Records.Produce(clusters.Source, "t", 2, 100, start: 400);

        await using var second = await RunningReplicator.StartAsync(properties);
        await Eventually.TrueAsync(() => second.Replicator.Metrics.TotalRecords == 100, Timeout, $"the second run copies what was added\n{second}");
        await second.StopAsync();

        second.Log.Should().Contain($"resuming 2 partition(s) from the progress in {Topic}");
        second.Replicator.Metrics.TotalRecords.Should().Be(100, "a graceful stop saved everything the first run copied");
        Records.Total(clusters.Target, "source.t", 2).Should().Be(500);
        Mm2Topics.Progress(clusters.Target).Should().BeEquivalentTo(new Dictionary<(string, int), long> { [("t", 0)] = 249, [("t", 1)] = 249 });
    }

    [Test]
    public async Task The_offsets_topic_and_its_replication_factor_come_from_the_connect_settings()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("t", 1);
        Records.Produce(clusters.Source, "t", 1, 10);

        await using var running = await RunningReplicator.StartAsync(clusters.Properties(
            ("offset.storage.topic", "my-offsets"), ("offset.storage.replication.factor", "5"), ("offset.storage.partitions", "2"),
            ("emit.checkpoints.enabled", "false"), ("emit.heartbeats.enabled", "false")));
        await Eventually.TrueAsync(() => running.Replicator.Metrics.TotalRecords == 10, Timeout, $"t is copied\n{running}");
        await running.StopAsync();

        clusters.Target.TopicNames.Should().Contain("my-offsets").And.NotContain(Topic);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = clusters.Target.BootstrapServers }).Build();
        admin.GetMetadata("my-offsets", Timeout).Topics.Single().Partitions.Should().HaveCount(2).And.OnlyContain(p => p.Replicas.Length == 1, "capped at the one broker");
        var config = await admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = "my-offsets" }]);
        config.Single().Entries["cleanup.policy"].Value.Should().Be("compact");
        var records = Records.ReadAll(clusters.Target, "my-offsets", 2).Values.SelectMany(r => r).ToList();
        records.Select(r => SourceOffset.Deserialize(r.Message.Key, r.Message.Value)).Should().ContainSingle()
            .Which.Should().Be(new SourceOffset(SourceOffset.MirrorSourceConnector, "source", "t", 0, 9));
    }

    private static KeyValuePair<(string Topic, int Partition), long> Progress(string topic, int partition, long next) => new((topic, partition), next);

    private static async Task CreateAsync(EmbeddedCluster cluster, int partitions)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        await InternalTopics.EnsureAsync(admin, Topic, 1, Timeout, partitions);
        var created = admin.GetMetadata(Topic, Timeout).Topics.Single();
        created.Partitions.Should().HaveCount(partitions);
    }

    private static IProducer<byte[]?, byte[]?> Producer(EmbeddedCluster cluster) =>
        new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();

    private static void Write(IProducer<byte[]?, byte[]?> producer, SourceOffset record) =>
        producer.Produce(Topic, new Message<byte[]?, byte[]?> { Key = record.SerializeKey(), Value = record.SerializeValue() });

    private static Dictionary<(string Topic, int Partition), long> Read(EmbeddedCluster cluster, int partitions, List<string> log)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "progress-reader-test",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).Build();
        var saved = new ProgressReader(consumer, Topic, "source", log.Add, TimeProvider.System).ReadToEnd(partitions, Timeout, CancellationToken.None);
        consumer.Close();
        return saved;
    }
}
