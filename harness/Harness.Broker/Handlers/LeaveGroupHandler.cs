using Harness.Broker.Groups;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>LeaveGroup v0-v3 (v4 is flexible); v3 removes a batch of members named by member or instance id.</summary>
internal sealed class LeaveGroupHandler : IApiHandler
{
    public ApiKey Key => ApiKey.LeaveGroup;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var groupId = reader.ReadString();
        var members = new List<MemberIdentity>();
        if (version >= 3)
        {
            var count = reader.ReadArrayLength();
            for (var i = 0; i < count; i++)
            {
                members.Add(new MemberIdentity(reader.ReadString(), reader.ReadNullableString()));
            }
        }
        else
        {
            members.Add(new MemberIdentity(reader.ReadString(), null));
        }

        var error = GroupRequestGuard.Check(context, groupId);
        var errors = error == ErrorCode.None ? context.Cluster.Groups.Leave(groupId, members) : [];
        if (version >= 1)
        {
            writer.WriteInt32(0);
        }

        if (version < 3)
        {
            // Before batching, the single member's result is the response's error.
            writer.WriteInt16(error != ErrorCode.None ? error : errors[0]);
            return ValueTask.CompletedTask;
        }

        writer.WriteInt16(error);
        writer.WriteArrayLength(errors.Count);
        for (var i = 0; i < errors.Count; i++)
        {
            writer.WriteString(members[i].MemberId);
            writer.WriteNullableString(members[i].GroupInstanceId);
            writer.WriteInt16(errors[i]);
        }

        return ValueTask.CompletedTask;
    }
}
