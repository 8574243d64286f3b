using Harness.Broker.Groups;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>Heartbeat v0-v3 (v4 is flexible): keeps a member's session and tells it when to rejoin.</summary>
internal sealed class HeartbeatHandler : IApiHandler
{
    public ApiKey Key => ApiKey.Heartbeat;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var groupId = reader.ReadString();
        var generationId = reader.ReadInt32();
        var memberId = reader.ReadString();
        var groupInstanceId = context.Version >= 3 ? reader.ReadNullableString() : null;
        var error = GroupRequestGuard.Check(context, groupId);
        if (error == ErrorCode.None)
        {
            error = context.Cluster.Groups.Heartbeat(groupId, generationId, memberId, groupInstanceId);
        }

        if (context.Version >= 1)
        {
            writer.WriteInt32(0);
        }

        writer.WriteInt16(error);
        return ValueTask.CompletedTask;
    }
}
