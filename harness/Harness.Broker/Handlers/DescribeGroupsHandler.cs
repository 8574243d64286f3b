using Harness.Broker.Groups;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>
/// DescribeGroups v0-v4 (v5 is flexible): state, protocol and members. Like Kafka before v6, an unknown group
/// is described as Dead without an error.
/// </summary>
internal sealed class DescribeGroupsHandler : IApiHandler
{
    /// <summary>READ, DELETE and DESCRIBE: every group operation, since no authorization is enforced.</summary>
    private const int AllGroupOperations = (1 << 3) | (1 << 6) | (1 << 8);

    public ApiKey Key => ApiKey.DescribeGroups;

    public short MinVersion => 0;

    public short MaxVersion => 4;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var count = reader.ReadArrayLength();
        var groupIds = new List<string>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            groupIds.Add(reader.ReadString());
        }

        var includeOperations = version >= 3 && reader.ReadBool();
        if (version >= 1)
        {
            writer.WriteInt32(0);
        }

        writer.WriteArrayLength(groupIds.Count);
        foreach (var groupId in groupIds)
        {
            var error = GroupRequestGuard.Check(context, groupId, requireGroupId: false);
            var summary = error == ErrorCode.None ? context.Cluster.Groups.Describe(groupId) : null;
            writer.WriteInt16(error);
            writer.WriteString(groupId);
            writer.WriteString(summary?.State.ToString() ?? "");
            writer.WriteString(summary?.ProtocolType ?? "");
            writer.WriteString(summary?.Protocol ?? "");
            var members = summary?.Members ?? [];
            writer.WriteArrayLength(members.Count);
            foreach (var member in members)
            {
                writer.WriteString(member.MemberId);
                if (version >= 4)
                {
                    writer.WriteNullableString(member.GroupInstanceId);
                }

                writer.WriteString(member.ClientId);
                writer.WriteString(member.ClientHost);
                writer.WriteBytes(member.Metadata);
                writer.WriteBytes(member.Assignment);
            }

            if (version >= 3)
            {
                writer.WriteInt32(includeOperations ? AllGroupOperations : int.MinValue);
            }
        }

        return ValueTask.CompletedTask;
    }
}
