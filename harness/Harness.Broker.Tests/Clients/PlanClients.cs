using System.Diagnostics;
using Confluent.Kafka;

namespace Harness.Broker.Tests.Clients;

/// <summary>Produces a <see cref="RecordPlan"/> with Confluent.Kafka and reads it back, checking every record.</summary>
internal static class PlanClients
{
    public static ProducerConfig ProducerConfig(string bootstrapServers, CompressionType compression = CompressionType.None) => new()
    {
        BootstrapServers = bootstrapServers,
        EnableIdempotence = true,
        Acks = Acks.All,
        CompressionType = compression,
        LingerMs = 5,
        BatchSize = 1_000_000,
        QueueBufferingMaxMessages = 2_000_000,
        QueueBufferingMaxKbytes = 1_048_576,
    };

    /// <summary>Produces every record of the plan and waits for all delivery reports; returns the first delivery error or null.</summary>
    public static string? Produce(RecordPlan plan, ProducerConfig config, TimeSpan timeout)
    {
        string? firstError = null;
        var failed = 0;
        using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        Action<DeliveryReport<byte[], byte[]>> report = r =>
        {
            if (r.Error.IsError && Interlocked.Increment(ref failed) == 1)
            {
                firstError = $"{r.TopicPartition}: {r.Error}";
            }
        };
        for (var i = 0; i < plan.Count; i++)
        {
            while (true)
            {
                try
                {
                    producer.Produce(plan.PartitionOf(i), plan.Message(i), report);
                    break;
                }
                catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }

        var left = producer.Flush(timeout);
        return left > 0 ? $"{left} records still undelivered after {timeout}" : firstError;
    }

    /// <summary>Reads the plan's partitions from the beginning by assignment and checks every record; returns the problems found.</summary>
    public static List<string> ConsumeAndCheck(RecordPlan plan, string bootstrapServers, TimeSpan timeout)
    {
        var problems = new List<string>();
        var expected = new long[plan.Partitions];
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "plan-checker",
            EnableAutoCommit = false,
            FetchMaxBytes = 52_428_800,
            MaxPartitionFetchBytes = 1_048_576,
        };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, plan.Partitions).Select(p => new TopicPartitionOffset(plan.Topic, p, Offset.Beginning)));
        var seen = 0L;
        var clock = Stopwatch.StartNew();
        while (seen < plan.Count && clock.Elapsed < timeout && problems.Count < 20)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            var partition = result.Partition.Value;
            if (result.Offset.Value != expected[partition])
            {
                problems.Add($"{result.TopicPartitionOffset}: expected offset {expected[partition]}");
            }

            var mismatch = plan.Mismatch(result, expected[partition]);
            if (mismatch is not null)
            {
                problems.Add(mismatch);
            }

            expected[partition] = result.Offset.Value + 1;
            seen++;
        }

        for (var p = 0; p < plan.Partitions; p++)
        {
            if (expected[p] != plan.CountIn(p))
            {
                problems.Add($"{plan.Topic}/{p}: read {expected[p]} of {plan.CountIn(p)} records within {timeout}");
            }
        }

        return problems;
    }
}
