using System.Diagnostics;
using Confluent.Kafka;

namespace Harness.Broker.Bench;

/// <summary>Confluent.Kafka produce and consume at full speed: the harness's own load generator uses the same client.</summary>
internal static class ConfluentRunner
{
    /// <summary>
    /// Produces the records; with <paramref name="deliveryReports"/> each one gets a status-only report (what the harness
    /// ledger needs), without them the caller checks the count at the broker instead.
    /// </summary>
    public static Measurement Produce(string bootstrapServers, string topic, BenchOptions options, bool deliveryReports = true)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            QueueBufferingMaxMessages = 1_000_000,
            QueueBufferingMaxKbytes = 1_048_576,

            // Only the delivery status is read: marshalling the rest of each report costs more than the broker's work.
            DeliveryReportFields = "status",
            EnableDeliveryReports = deliveryReports,
        };
        var value = new byte[options.ValueBytes];
        Random.Shared.NextBytes(value);
        long failed = 0;
        using var producer = new ProducerBuilder<Null, byte[]>(config).Build();
        var message = new Message<Null, byte[]> { Value = value };
        Action<DeliveryReport<Null, byte[]>> report = r =>
        {
            if (r.Error.IsError)
            {
                Interlocked.Increment(ref failed);
            }
        };
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.Records; i++)
        {
            try
            {
                producer.Produce(topic, message, deliveryReports ? report : null);
            }
            catch (ProduceException<Null, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
                i--;
            }
        }

        if (producer.Flush(TimeSpan.FromMinutes(5)) > 0 || failed > 0)
        {
            throw new InvalidOperationException($"{failed} deliveries failed");
        }

        var operation = deliveryReports ? "produce (acks=all, idempotent, a delivery report per record)" : "produce (acks=all, idempotent, no delivery reports)";
        return new Measurement("Confluent.Kafka 2.16", operation, options.Records, (long)options.Records * options.ValueBytes, clock.Elapsed);
    }

    /// <summary>
    /// Produces the records in transactions of <paramref name="recordsPerTransaction"/> records each, committed one after
    /// the other, with a status-only delivery report per record: the cost of AddPartitionsToTxn, EndTxn and the markers.
    /// </summary>
    public static Measurement ProduceTransactional(string bootstrapServers, string topic, BenchOptions options, int recordsPerTransaction = 10_000)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            TransactionalId = $"bench-{topic}",
            LingerMs = 5,
            QueueBufferingMaxMessages = 1_000_000,
            QueueBufferingMaxKbytes = 1_048_576,
            DeliveryReportFields = "status",
        };
        var value = new byte[options.ValueBytes];
        Random.Shared.NextBytes(value);
        long failed = 0;
        using var producer = new ProducerBuilder<Null, byte[]>(config).Build();
        var message = new Message<Null, byte[]> { Value = value };
        Action<DeliveryReport<Null, byte[]>> report = r =>
        {
            if (r.Error.IsError)
            {
                Interlocked.Increment(ref failed);
            }
        };
        producer.InitTransactions(TimeSpan.FromMinutes(1));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.Records; i++)
        {
            if (i % recordsPerTransaction == 0)
            {
                if (i > 0)
                {
                    producer.CommitTransaction(TimeSpan.FromMinutes(1));
                }

                producer.BeginTransaction();
            }

            try
            {
                producer.Produce(topic, message, report);
            }
            catch (ProduceException<Null, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
                i--;
            }
        }

        producer.CommitTransaction(TimeSpan.FromMinutes(5));
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} deliveries failed");
        }

        return new Measurement("Confluent.Kafka 2.16", $"produce (transactional, {recordsPerTransaction:N0} records per transaction, a delivery report per record)",
            options.Records, (long)options.Records * options.ValueBytes, clock.Elapsed);
    }

    /// <summary>Consumes the records at librdkafka's default isolation level, read_committed (markers are skipped by the client).</summary>
    public static Measurement Consume(string bootstrapServers, string topic, BenchOptions options, string operation = "consume (assign, from beginning)")
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench",
            EnableAutoCommit = false,
            FetchMaxBytes = 52_428_800,

            // Only values are read: the topic name, timestamp and headers would be marshalled for every record.
            ConsumeResultFields = "none",

            // When the local queue is full librdkafka pauses fetching for 1 s by default, which leaves the broker idle
            // and measures the pause rather than the broker.
            FetchQueueBackoffMs = 10,
        };
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, options.Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        long records = 0, bytes = 0;
        var clock = Stopwatch.StartNew();
        while (records < options.Records)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException($"no record for 30 s after {records}");
            records++;
            bytes += result.Message.Value.Length;
        }

        return new Measurement("Confluent.Kafka 2.16", operation, records, bytes, clock.Elapsed);
    }
}
