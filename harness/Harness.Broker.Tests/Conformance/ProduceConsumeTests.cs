using Confluent.Kafka;
using Harness.Broker.Cluster;

namespace Harness.Broker.Tests.Conformance;

[Category("Integration")]
public sealed class ProduceConsumeTests
{
    [Test]
    public async Task Produce_then_consume_by_assignment_returns_every_record_in_order()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("t", 3);
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, EnableIdempotence = true, LingerMs = 5 }).Build())
        {
            for (var i = 0; i < 10_000; i++)
            {
                producer.Produce(new TopicPartition("t", i % 3), new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
            }

            producer.Flush(TimeSpan.FromSeconds(30)).Should().Be(0);
        }

        cluster.HighWatermark("t", 0).Should().Be(3334);
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "unused", EnableAutoCommit = false }).Build();
        consumer.Assign(new TopicPartitionOffset("t", 0, Offset.Beginning));
        var expected = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (expected < 3334 * 3 && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(1));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            result.Message.Value.Should().Be($"v{expected}");
            result.Offset.Value.Should().Be(expected / 3);
            expected += 3;
        }

        expected.Should().Be(3334 * 3);
    }
}
