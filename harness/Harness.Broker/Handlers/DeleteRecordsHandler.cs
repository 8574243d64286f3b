using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Handlers;

/// <summary>
/// DeleteRecords v0-v1: advances a partition's log start offset on its leader (-1 means the high watermark)
/// and answers the new low watermark; each topic needs DELETE.
/// </summary>
internal sealed class DeleteRecordsHandler : IApiHandler
{
    /// <summary>Kafka's INVALID_LOW_WATERMARK, sent with every error.</summary>
    private const long InvalidLowWatermark = -1;

    public ApiKey Key => ApiKey.DeleteRecords;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var topicCount = reader.ReadArrayLength();
        var results = new List<(string Topic, List<(int Partition, long LowWatermark, ErrorCode Error)> Partitions)>(Math.Max(topicCount, 0));
        for (var t = 0; t < topicCount; t++)
        {
            var topic = reader.ReadString();
            var partitionCount = reader.ReadArrayLength();
            var partitions = new List<(int, long, ErrorCode)>(Math.Max(partitionCount, 0));
            for (var p = 0; p < partitionCount; p++)
            {
                var index = reader.ReadInt32();
                var offset = reader.ReadInt64();
                var error = Delete(context, topic, index, offset, out var lowWatermark);
                partitions.Add((index, error == ErrorCode.None ? lowWatermark : InvalidLowWatermark, error));
            }

            results.Add((topic, partitions));
        }

        reader.ReadInt32(); // timeout_ms: with one shared log there are no followers to wait for

        writer.WriteInt32(0); // throttle_time_ms
        writer.WriteArrayLength(results.Count);
        foreach (var (topic, partitions) in results)
        {
            writer.WriteString(topic);
            writer.WriteArrayLength(partitions.Count);
            foreach (var (index, lowWatermark, error) in partitions)
            {
                writer.WriteInt32(index);
                writer.WriteInt64(lowWatermark);
                writer.WriteInt16(error);
            }
        }

        return ValueTask.CompletedTask;
    }

    private static ErrorCode Delete(RequestContext context, string topic, int index, long offset, out long lowWatermark)
    {
        lowWatermark = InvalidLowWatermark;
        if (context.InjectedError != ErrorCode.None)
        {
            return context.InjectedError;
        }

        if (!context.IsAllowed(AclOperation.Delete, AclResourceType.Topic, topic))
        {
            return ErrorCode.TopicAuthorizationFailed;
        }

        var partition = context.Cluster.FindPartition(topic, index);
        if (partition is null)
        {
            return ErrorCode.UnknownTopicOrPartition;
        }

        if (partition.Leader != context.Broker.Id)
        {
            return ErrorCode.NotLeaderOrFollower;
        }

        return partition.Log.DeleteBefore(offset, out lowWatermark);
    }
}
