using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Broker.Cluster;

namespace Harness.Broker.Tests.Admin;

/// <summary>DeleteRecords through Confluent.Kafka's AdminClient, seen by consumers and ListOffsets.</summary>
[Category("Integration")]
public sealed class DeleteRecordsTests
{
    private EmbeddedCluster _cluster = null!;
    private IAdminClient _admin = null!;

    [OneTimeSetUp]
    public void StartCluster()
    {
        _cluster = EmbeddedCluster.Start();
        _admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        _cluster.CreateTopic("records", 2);
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers, LingerMs = 5 }).Build();
        for (var i = 0; i < 100; i++)
        {
            producer.Produce(new TopicPartition("records", i % 2), new Message<Null, string> { Value = $"v{i}" });
        }

        producer.Flush(TimeSpan.FromSeconds(10)).Should().Be(0);
    }

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        _admin.Dispose();
        await _cluster.DisposeAsync();
    }

    [Test]
    public async Task AdminClient_DeleteRecords_moves_the_low_watermark_for_consumers_and_ListOffsets()
    {
        var results = await _admin.DeleteRecordsAsync([new TopicPartitionOffset("records", 0, 20)]);

        results.Single().Offset.Value.Should().Be(20);
        _cluster.LogStartOffset("records", 0).Should().Be(20);
        using var consumer = new ConsumerBuilder<Null, string>(new ConsumerConfig { BootstrapServers = _cluster.BootstrapServers, GroupId = "delete-records", EnableAutoCommit = false }).Build();
        consumer.QueryWatermarkOffsets(new TopicPartition("records", 0), TimeSpan.FromSeconds(10)).Low.Value.Should().Be(20);
        consumer.Assign(new TopicPartitionOffset("records", 0, Offset.Beginning));
        var first = consumer.Consume(TimeSpan.FromSeconds(10));
        first.Should().NotBeNull();
        first!.Offset.Value.Should().Be(20);
        first.Message.Value.Should().Be("v40");
    }

    [Test]
    public async Task AdminClient_DeleteRecords_to_the_high_watermark_empties_the_partition()
    {
        var results = await _admin.DeleteRecordsAsync([new TopicPartitionOffset("records", 1, Offset.End)]);

        results.Single().Offset.Value.Should().Be(50);
        _cluster.LogStartOffset("records", 1).Should().Be(50);
    }

    [Test]
    public async Task AdminClient_DeleteRecords_beyond_the_high_watermark_fails_with_OffsetOutOfRange()
    {
        var act = () => _admin.DeleteRecordsAsync([new TopicPartitionOffset("records", 0, 1000)]);

        var thrown = await act.Should().ThrowAsync<DeleteRecordsException>();
        thrown.Which.Results.Single().Error.Code.Should().Be(ErrorCode.OffsetOutOfRange);
    }
}
