using Confluent.Kafka;

namespace Harness.Replicator.Bench;

/// <summary>Fills the source topic: null keys, printable random values (kcat copies line by line).</summary>
internal static class SourceFiller
{
    public static void Fill(string bootstrap, string topic, BenchOptions options)
    {
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
            EnableDeliveryReports = false,
        }).Build();
        var random = new Random(42);
        var values = Enumerable.Range(0, 1024).Select(_ =>
        {
            var value = new byte[options.ValueBytes];
            for (var i = 0; i < value.Length; i++)
            {
                value[i] = (byte)('a' + random.Next(26));
            }

            return value;
        }).ToArray();
        for (var i = 0; i < options.Records; i++)
        {
            var message = new Message<Null, byte[]> { Value = values[i % values.Length] };
            while (true)
            {
                try
                {
                    producer.Produce(new TopicPartition(topic, i % options.Partitions), message);
                    break;
                }
                catch (ProduceException<Null, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(5));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(2));
    }
}
