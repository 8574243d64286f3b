using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Broker.Storage;
using Harness.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Broker.Tests.Storage;

/// <summary>
/// Retention on a schedule, as Kafka's log.retention.check.interval.ms applies it: a topic nobody writes to any more
/// still loses what has aged out (whole batches in memory, whole segments on disk; never the active one), and a
/// topic whose policy is compact alone keeps everything. The broker's clock is fake, so ages are exact.
/// </summary>
[Category("Integration")]
[TestFixture(StorageKind.Memory)]
[TestFixture(StorageKind.Disk)]
public sealed class RetentionScheduleTests(StorageKind storage)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_topic_nobody_writes_to_loses_what_aged_out_at_the_next_check()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = Start(clock, TimeSpan.FromSeconds(30));
        // segment.bytes 100: every batch rolls the segment, so all but the last batch may go.
        cluster.CreateTopic("idle", 1, configs: new Dictionary<string, string> { ["retention.ms"] = "60000", ["segment.bytes"] = "100" });
        cluster.CreateTopic("table", 1, configs: new Dictionary<string, string> { ["retention.ms"] = "60000", ["segment.bytes"] = "100", ["cleanup.policy"] = "compact" });
        await ProduceOneByOne(cluster, "idle", 3);
        await ProduceOneByOne(cluster, "table", 3);

        clock.Advance(TimeSpan.FromSeconds(30));
        cluster.LogStartOffset("idle", 0).Should().Be(0, "at 30 s nothing is older than 60 s");
        clock.Advance(TimeSpan.FromSeconds(60));

        await Eventually.TrueAsync(() => cluster.LogStartOffset("idle", 0) == 2, Timeout, "the check at 90 s deleted the two batches older than 60 s");
        cluster.HighWatermark("idle", 0).Should().Be(3);
        cluster.LogStartOffset("table", 0).Should().Be(0, "a compact-only policy has no retention");
        cluster.InternalErrors.Should().Be(0);
    }

    [Test]
    public async Task Without_the_schedule_an_idle_topic_keeps_its_aged_batches_until_its_next_write()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = Start(clock, TimeSpan.Zero);
        cluster.CreateTopic("idle", 1, configs: new Dictionary<string, string> { ["retention.ms"] = "60000", ["segment.bytes"] = "100" });
        await ProduceOneByOne(cluster, "idle", 3);

        clock.Advance(TimeSpan.FromSeconds(90));
        cluster.LogStartOffset("idle", 0).Should().Be(0, "no check ran and nothing was written");
        await ProduceOneByOne(cluster, "idle", 1);

        cluster.LogStartOffset("idle", 0).Should().Be(3, "the append applied retention: the three older batches went, the new one is active");
    }

    private EmbeddedCluster Start(FakeTimeProvider clock, TimeSpan interval) => EmbeddedCluster.Start(new EmbeddedClusterOptions
    {
        Brokers = 1,
        DefaultReplicationFactor = 1,
        CompactionInterval = TimeSpan.Zero,
        RetentionCheckInterval = interval,
        Storage = storage,
    }, clock);

    private static async Task ProduceOneByOne(EmbeddedCluster cluster, string topic, int records)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, LingerMs = 0 }).Build();
        for (var i = 0; i < records; i++)
        {
            // One awaited send per record: one batch (and, with segment.bytes 100, one segment) per record.
            await producer.ProduceAsync(new TopicPartition(topic, 0), new Message<string, string> { Key = "k", Value = $"v{i}" });
        }
    }
}
