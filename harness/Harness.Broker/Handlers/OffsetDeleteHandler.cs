using Harness.Broker.Groups;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>OffsetDelete v0 (v1 is flexible): deletes committed offsets a group no longer consumes.</summary>
internal sealed class OffsetDeleteHandler : IApiHandler
{
    public ApiKey Key => ApiKey.OffsetDelete;

    public short MinVersion => 0;

    public short MaxVersion => 0;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var groupId = reader.ReadString();
        var partitions = new List<TopicPartitionKey>();
        var topicCount = reader.ReadArrayLength();
        var shape = new List<(string Topic, int Partitions)>(Math.Max(topicCount, 0));
        for (var t = 0; t < topicCount; t++)
        {
            var topic = reader.ReadString();
            var partitionCount = reader.ReadArrayLength();
            shape.Add((topic, Math.Max(partitionCount, 0)));
            for (var p = 0; p < partitionCount; p++)
            {
                partitions.Add(new TopicPartitionKey(topic, reader.ReadInt32()));
            }
        }

        var error = GroupRequestGuard.Check(context, groupId, requireGroupId: false);
        IReadOnlyList<ErrorCode> errors = [];
        if (error == ErrorCode.None)
        {
            (error, errors) = context.Cluster.Groups.DeleteOffsets(groupId, partitions);
        }

        writer.WriteInt16(error);
        writer.WriteInt32(0);

        // A group-level error answers with no topics, as Kafka does.
        var topics = error == ErrorCode.None ? shape : [];
        writer.WriteArrayLength(topics.Count);
        var index = 0;
        foreach (var (topic, count) in topics)
        {
            writer.WriteString(topic);
            writer.WriteArrayLength(count);
            for (var p = 0; p < count; p++, index++)
            {
                writer.WriteInt32(partitions[index].Partition);
                writer.WriteInt16(errors[index]);
            }
        }

        return ValueTask.CompletedTask;
    }
}
