using Harness.Broker.Groups;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>
/// TxnOffsetCommit v0-v3 (flexible from v3), served by the group's coordinator: offsets staged with the group and
/// visible to OffsetFetch only once the transaction commits.
/// </summary>
internal sealed class TxnOffsetCommitHandler : IApiHandler
{
    public ApiKey Key => ApiKey.TxnOffsetCommit;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => 3;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var flexible = context.Flexible;
        var transactionalId = reader.ReadString(flexible);
        var groupId = reader.ReadString(flexible);
        var producerId = reader.ReadInt64();
        var epoch = reader.ReadInt16();
        var generationId = -1;
        var memberId = "";
        string? groupInstanceId = null;
        if (version >= 3)
        {
            generationId = reader.ReadInt32();
            memberId = reader.ReadString(flexible);
            groupInstanceId = reader.ReadNullableString(flexible);
        }

        var entries = new List<OffsetCommitEntry>();
        var shape = new List<(string Topic, int Partitions)>();
        var topicCount = reader.ReadArrayLength(flexible);
        for (var t = 0; t < topicCount; t++)
        {
            var topic = reader.ReadString(flexible);
            var partitionCount = reader.ReadArrayLength(flexible);
            shape.Add((topic, Math.Max(partitionCount, 0)));
            for (var p = 0; p < partitionCount; p++)
            {
                var partition = reader.ReadInt32();
                var offset = reader.ReadInt64();
                var leaderEpoch = version >= 2 ? reader.ReadInt32() : -1;
                var metadata = reader.ReadNullableString(flexible);
                if (flexible)
                {
                    reader.SkipTaggedFields();
                }

                entries.Add(new OffsetCommitEntry(topic, partition, offset, leaderEpoch, metadata));
            }

            if (flexible)
            {
                reader.SkipTaggedFields();
            }
        }

        if (flexible)
        {
            reader.SkipTaggedFields();
        }

        var error = GroupRequestGuard.Check(context, groupId);
        var errors = error != ErrorCode.None ? entries.Select(_ => error).ToList()
            : context.Cluster.Transactions.CommitOffsets(transactionalId, groupId, producerId, epoch, generationId, memberId, groupInstanceId, entries);
        PartitionErrorsResponse.Write(writer, shape, entries.Select(e => e.Partition).ToList(), errors, flexible);
        return ValueTask.CompletedTask;
    }
}
