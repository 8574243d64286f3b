using Harness.Broker.Groups;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>
/// OffsetFetch v1-v5 (v6 is flexible): committed offsets with metadata and (v5) leader epoch; -1 for partitions
/// without a commit; null topics (v2+) means every partition the group has committed.
/// </summary>
internal sealed class OffsetFetchHandler : IApiHandler
{
    public ApiKey Key => ApiKey.OffsetFetch;

    public short MinVersion => 1;

    public short MaxVersion => 5;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var groupId = reader.ReadString();
        var topicCount = reader.ReadArrayLength();
        List<TopicPartitionKey>? requested = null;
        if (topicCount >= 0)
        {
            requested = [];
            for (var t = 0; t < topicCount; t++)
            {
                var topic = reader.ReadString();
                var partitionCount = reader.ReadArrayLength();
                for (var p = 0; p < partitionCount; p++)
                {
                    requested.Add(new TopicPartitionKey(topic, reader.ReadInt32()));
                }
            }
        }

        var error = GroupRequestGuard.Check(context, groupId, requireGroupId: false);
        var offsets = error == ErrorCode.None ? context.Cluster.Groups.FetchOffsets(groupId, requested)
            : (requested ?? []).Select(key => KeyValuePair.Create(key, CommittedOffset.None)).ToList();
        if (version >= 3)
        {
            writer.WriteInt32(0);
        }

        var byTopic = offsets.GroupBy(o => o.Key.Topic, StringComparer.Ordinal).ToList();
        writer.WriteArrayLength(byTopic.Count);
        foreach (var topic in byTopic)
        {
            writer.WriteString(topic.Key);
            writer.WriteArrayLength(topic.Count());
            foreach (var (key, committed) in topic)
            {
                writer.WriteInt32(key.Partition);
                writer.WriteInt64(committed.Offset);
                if (version >= 5)
                {
                    writer.WriteInt32(committed.LeaderEpoch);
                }

                writer.WriteNullableString(committed.Metadata);

                // v1 has no group-level error, so a coordinator error is repeated on every partition.
                writer.WriteInt16(error);
            }
        }

        if (version >= 2)
        {
            writer.WriteInt16(error);
        }

        return ValueTask.CompletedTask;
    }
}
