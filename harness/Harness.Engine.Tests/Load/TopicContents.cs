using Confluent.Kafka;

namespace Harness.Engine.Tests.Load;

/// <summary>Reads whole topics back from a cluster, by assignment, for tests that check what was produced.</summary>
internal static class TopicContents
{
    /// <summary>Every record of <paramref name="topic"/> up to the partitions' current ends.</summary>
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string bootstrap, string topic, int partitions, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "test-reader",
            EnableAutoCommit = false,
        }).Build();
        var ends = Enumerable.Range(0, partitions)
            .Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value)
            .ToArray();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow + timeout;
        while (records.Count < ends.Sum() && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
            {
                records.Add(result);
            }
        }

        consumer.Close();
        return records.Count == ends.Sum()
            ? records
            : throw new TimeoutException($"read {records.Count} of {ends.Sum()} records of {topic} within {timeout}");
    }
}
