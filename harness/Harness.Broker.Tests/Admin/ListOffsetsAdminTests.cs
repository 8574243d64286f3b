using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Broker.Cluster;

namespace Harness.Broker.Tests.Admin;

/// <summary>ListOffsets through librdkafka's AdminClient, which asks v7+ for the max-timestamp spec.</summary>
[Category("Integration")]
public sealed class ListOffsetsAdminTests
{
    [Test]
    public async Task AdminClient_ListOffsets_finds_the_record_with_the_largest_timestamp_and_the_watermarks_of_a_compacted_topic()
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Brokers = 1, CompactionInterval = TimeSpan.Zero });
        cluster.CreateTopic("stamped", 1, 1, new Dictionary<string, string> { ["cleanup.policy"] = "compact" });
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, LingerMs = 0 }).Build())
        {
            foreach (var (key, timestamp) in new[] { ("a", 1_000L), ("a", 9_000L), ("b", 2_000L), ("a", 3_000L), ("tail", 4_000L) })
            {
                await producer.ProduceAsync("stamped", new Message<string, string> { Key = key, Value = "v", Timestamp = new Timestamp(timestamp, TimestampType.CreateTime) });
            }
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var partition = new TopicPartition("stamped", 0);

        var before = await ListOffsets(admin, partition, OffsetSpec.MaxTimestamp());
        cluster.Compact("stamped").RecordsRemoved.Should().Be(2, "a=1 and a=9 are superseded by a=3");
        var after = await ListOffsets(admin, partition, OffsetSpec.MaxTimestamp());
        var earliest = await ListOffsets(admin, partition, OffsetSpec.Earliest());
        var latest = await ListOffsets(admin, partition, OffsetSpec.Latest());

        (before.Offset, before.Timestamp).Should().Be((1L, 9_000L));
        (after.Offset, after.Timestamp).Should().Be((4L, 4_000L), "the 9 s record is gone; the tail's 4 s is now the largest");
        earliest.Offset.Should().Be(0, "compaction leaves the log start where it was");
        latest.Offset.Should().Be(5);
        cluster.InternalErrors.Should().Be(0);
    }

    private static async Task<(long Offset, long Timestamp)> ListOffsets(IAdminClient admin, TopicPartition partition, OffsetSpec spec)
    {
        var result = await admin.ListOffsetsAsync([new TopicPartitionOffsetSpec { TopicPartition = partition, OffsetSpec = spec }]);
        var info = result.ResultInfos.Single();
        info.TopicPartitionOffsetError.Error.IsError.Should().BeFalse();
        return (info.TopicPartitionOffsetError.Offset.Value, info.Timestamp);
    }
}
