using System.Text;
using Confluent.Kafka;
using Harness.Broker.Cluster;

namespace Harness.Replicator.Tests.Support;

/// <summary>Producing test records and reading topics back whole.</summary>
internal static class Records
{
    /// <summary>Record i goes to partition i % partitions with key "k{i}", a value of <paramref name="valueBytes"/> bytes and a "seq" header.</summary>
    public static void Produce(EmbeddedCluster cluster, string topic, int partitions, int count, int start = 0, int valueBytes = 20)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build();
        var padding = new string('x', Math.Max(0, valueBytes - 11));
        for (var i = start; i < start + count; i++)
        {
            var message = new Message<byte[]?, byte[]?>
            {
                Key = Encoding.UTF8.GetBytes($"k{i}"),
                Value = Encoding.UTF8.GetBytes($"v{i:D10}{padding}"),
                Headers = new Headers { { "seq", BitConverter.GetBytes(i) } },
                Timestamp = new Timestamp(DateTimeOffset.UtcNow),
            };
            while (true)
            {
                try
                {
                    producer.Produce(new TopicPartition(topic, i % partitions), message);
                    break;
                }
                catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        producer.Flush(TimeSpan.FromSeconds(30)).Should().Be(0, "every test record is acknowledged by the source");
    }

    public static void Produce(EmbeddedCluster cluster, string topic, int partition, IEnumerable<Message<byte[]?, byte[]?>> messages)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, EnableIdempotence = true }).Build();
        foreach (var message in messages)
        {
            producer.Produce(new TopicPartition(topic, partition), message);
        }

        producer.Flush(TimeSpan.FromSeconds(30)).Should().Be(0);
    }

    public static long Total(EmbeddedCluster cluster, string topic, int partitions) =>
        Enumerable.Range(0, partitions).Sum(p => cluster.HighWatermark(topic, p));

    /// <summary>Every record of the topic, by partition, in offset order.</summary>
    public static Dictionary<int, List<ConsumeResult<byte[]?, byte[]?>>> ReadAll(EmbeddedCluster cluster, string topic, int partitions)
    {
        var ends = Enumerable.Range(0, partitions).ToDictionary(p => p, p => cluster.HighWatermark(topic, p));
        var result = Enumerable.Range(0, partitions).ToDictionary(p => p, _ => new List<ConsumeResult<byte[]?, byte[]?>>());
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "test-reader",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (result.Any(r => r.Value.Count < ends[r.Key]) && DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            // Records written after the ends were taken are left for the next read.
            if (record is { IsPartitionEOF: false, Message: not null } && record.Offset.Value < ends[record.Partition.Value])
            {
                result[record.Partition.Value].Add(record);
            }
        }

        result.Should().OnlyContain(r => r.Value.Count == ends[r.Key], "every partition is read to its end");
        return result;
    }

    /// <summary>The "seq" header of a test record.</summary>
    public static int Sequence(ConsumeResult<byte[]?, byte[]?> record) => BitConverter.ToInt32(record.Message.Headers.GetLastBytes("seq"));
}
