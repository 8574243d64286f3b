using Harness.Broker.Groups;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>DeleteGroups v0-v1 (v2 is flexible): removes groups without members, with their offsets.</summary>
internal sealed class DeleteGroupsHandler : IApiHandler
{
    public ApiKey Key => ApiKey.DeleteGroups;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var count = reader.ReadArrayLength();
        var groupIds = new List<string>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            groupIds.Add(reader.ReadString());
        }

        writer.WriteInt32(0);
        writer.WriteArrayLength(groupIds.Count);
        foreach (var groupId in groupIds)
        {
            var error = GroupRequestGuard.Check(context, groupId, requireGroupId: false);
            writer.WriteString(groupId);
            writer.WriteInt16(error != ErrorCode.None ? error : context.Cluster.Groups.DeleteGroup(groupId));
        }

        return ValueTask.CompletedTask;
    }
}
