using Harness.Broker.Groups;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>OffsetCommit v2-v7 (v8 is flexible): group members' commits and simple (generation -1) commits.</summary>
internal sealed class OffsetCommitHandler : IApiHandler
{
    public ApiKey Key => ApiKey.OffsetCommit;

    public short MinVersion => 2;

    public short MaxVersion => 7;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var groupId = reader.ReadString();
        var generationId = reader.ReadInt32();
        var memberId = reader.ReadString();
        var groupInstanceId = version >= 7 ? reader.ReadNullableString() : null;
        if (version <= 4)
        {
            reader.ReadInt64(); // retention time: offsets are kept for the life of the cluster
        }

        var entries = new List<OffsetCommitEntry>();
        var topicCount = reader.ReadArrayLength();
        var shape = new List<(string Topic, int Partitions)>(Math.Max(topicCount, 0));
        for (var t = 0; t < topicCount; t++)
        {
            var topic = reader.ReadString();
            var partitionCount = reader.ReadArrayLength();
            shape.Add((topic, Math.Max(partitionCount, 0)));
            for (var p = 0; p < partitionCount; p++)
            {
                var partition = reader.ReadInt32();
                var offset = reader.ReadInt64();
                var leaderEpoch = version >= 6 ? reader.ReadInt32() : -1;
                var metadata = reader.ReadNullableString();
                entries.Add(new OffsetCommitEntry(topic, partition, offset, leaderEpoch, metadata));
            }
        }

        var error = GroupRequestGuard.Check(context, groupId);
        var errors = error == ErrorCode.None
            ? context.Cluster.Groups.CommitOffsets(groupId, generationId, memberId, groupInstanceId, entries)
            : entries.Select(_ => error).ToList();
        if (version >= 3)
        {
            writer.WriteInt32(0);
        }

        writer.WriteArrayLength(shape.Count);
        var index = 0;
        foreach (var (topic, partitions) in shape)
        {
            writer.WriteString(topic);
            writer.WriteArrayLength(partitions);
            for (var p = 0; p < partitions; p++, index++)
            {
                writer.WriteInt32(entries[index].Partition);
                writer.WriteInt16(errors[index]);
            }
        }

        return ValueTask.CompletedTask;
    }
}
