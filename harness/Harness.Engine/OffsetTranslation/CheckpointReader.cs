using Confluent.Kafka;
using Harness.Engine.Clients;
using Harness.Mm2.Records;

namespace Harness.Engine.OffsetTranslation;

/// <summary>
/// Reads MM2 checkpoints (<c>&lt;sourceAlias&gt;.checkpoints.internal</c> on the target) and keeps the
/// latest per group and partition, as a consumer switching over would use them.
/// </summary>
internal static class CheckpointReader
{
    private static readonly TimeSpan ReadFor = TimeSpan.FromSeconds(30);

    public static Dictionary<(string Group, string Topic, int Partition), Checkpoint> ReadLatest(KafkaEndpoint bootstrap, string topic, TimeProvider time, out int malformed)
    {
        malformed = 0;
        var latest = new Dictionary<(string, string, int), Checkpoint>();
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(bootstrap.Configure(new ConsumerConfig
        {
            GroupId = "harness-checkpoint-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        })).SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build();
        using var admin = new AdminClientBuilder(bootstrap.Admin("harness-checkpoints-admin")).SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.FirstOrDefault();
        if (metadata is null || metadata.Error.IsError)
        {
            return latest;
        }

        var ends = new Dictionary<int, long>();
        foreach (var partition in metadata.Partitions)
        {
            var marks = consumer.QueryWatermarkOffsets(new Confluent.Kafka.TopicPartition(topic, partition.PartitionId), TimeSpan.FromSeconds(10));
            if (marks.High.Value > marks.Low.Value)
            {
                ends[partition.PartitionId] = marks.High.Value;
            }
        }

        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var started = time.GetTimestamp();
        while (ends.Count > 0 && time.GetElapsedTime(started) < ReadFor)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is null)
            {
                continue;
            }

            if (!result.IsPartitionEOF)
            {
                try
                {
                    var checkpoint = Checkpoint.Deserialize(result.Message.Key ?? [], result.Message.Value ?? []);
                    latest[(checkpoint.Group, checkpoint.Topic, checkpoint.Partition)] = checkpoint;
                }
                catch (Harness.Mm2.Mm2FormatException)
                {
                    malformed++;
                }
            }

            var position = result.IsPartitionEOF ? result.Offset.Value : result.Offset.Value + 1;
            if (position >= ends.GetValueOrDefault(result.Partition.Value, long.MaxValue))
            {
                ends.Remove(result.Partition.Value);
            }
        }

        return latest;
    }
}
