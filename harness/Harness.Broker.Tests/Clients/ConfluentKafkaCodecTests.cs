using System.Diagnostics;
using Confluent.Kafka;
using Harness.Broker.Cluster;

namespace Harness.Broker.Tests.Clients;

/// <summary>
/// Confluent.Kafka (librdkafka) produce and consume through the embedded broker with every codec. The broker stores
/// batches as compressed by the producer, so this mostly checks that fetch framing hands them back intact.
/// </summary>
[Category("Integration")]
public sealed class ConfluentKafkaCodecTests
{
    [Test]
    public Task Produce_and_consume_a_million_uncompressed_records_over_12_partitions() => RoundTripAsync(CompressionType.None, 1_000_000);

    [TestCase(CompressionType.Gzip)]
    [TestCase(CompressionType.Snappy)]
    [TestCase(CompressionType.Lz4)]
    [TestCase(CompressionType.Zstd)]
    public Task Produce_and_consume_compressed_records_over_12_partitions(CompressionType codec) => RoundTripAsync(codec, 100_000);

    private static async Task RoundTripAsync(CompressionType codec, int count)
    {
        await using var cluster = EmbeddedCluster.Start();
        var plan = new RecordPlan($"codec-{codec}".ToLowerInvariant(), 12, count);
        cluster.CreateTopic(plan.Topic, plan.Partitions);
        var clock = Stopwatch.StartNew();
        PlanClients.Produce(plan, PlanClients.ProducerConfig(cluster.BootstrapServers, codec), TimeSpan.FromSeconds(120)).Should().BeNull();
        var produced = clock.Elapsed;
        for (var p = 0; p < plan.Partitions; p++)
        {
            cluster.HighWatermark(plan.Topic, p).Should().Be(plan.CountIn(p));
        }

        clock.Restart();
        PlanClients.ConsumeAndCheck(plan, cluster.BootstrapServers, TimeSpan.FromSeconds(120)).Should().BeEmpty();
        cluster.InternalErrors.Should().Be(0);
        TestContext.Out.WriteLine($"{codec}: {count} records produced in {produced.TotalSeconds:F1} s, consumed in {clock.Elapsed.TotalSeconds:F1} s, {cluster.StoredBytes / 1024 / 1024} MiB stored");
    }
}
