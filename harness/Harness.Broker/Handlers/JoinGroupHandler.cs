using Harness.Broker.Groups;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>
/// JoinGroup v0-v5 (v6 is flexible). The answer is held until the rebalance completes, so this handler waits
/// on the group while the connection serves nothing else, as Kafka's would.
/// </summary>
internal sealed class JoinGroupHandler : IApiHandler
{
    public ApiKey Key => ApiKey.JoinGroup;

    public short MinVersion => 0;

    public short MaxVersion => 5;

    public short FirstFlexibleVersion => short.MaxValue;

    public async ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var groupId = reader.ReadString();
        var sessionTimeoutMs = reader.ReadInt32();

        // v0 has no rebalance timeout: Kafka uses the session timeout for both. A negative one (the field's
        // default) would end every rebalance at once, so it gets the same treatment.
        var rebalanceTimeoutMs = version >= 1 ? reader.ReadInt32() : sessionTimeoutMs;
        if (rebalanceTimeoutMs < 0)
        {
            rebalanceTimeoutMs = sessionTimeoutMs;
        }

        var memberId = reader.ReadString();
        var groupInstanceId = version >= 5 ? reader.ReadNullableString() : null;
        var protocolType = reader.ReadString();
        var count = reader.ReadArrayLength();
        var protocols = new List<GroupProtocol>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            protocols.Add(new GroupProtocol(reader.ReadString(), reader.ReadBytes().ToArray()));
        }

        var error = GroupRequestGuard.Check(context, groupId);
        JoinResult result;
        if (error != ErrorCode.None)
        {
            result = JoinResult.Failed(error, memberId);
        }
        else
        {
            var request = new JoinRequest(groupId, memberId, groupInstanceId, context.Header.ClientId ?? "", "/" + context.ClientHost,
                sessionTimeoutMs, rebalanceTimeoutMs, protocolType, protocols, RequireKnownMemberId: version >= 4);
            result = await context.Cluster.Groups.JoinAsync(request).WaitAsync(context.Cancellation).ConfigureAwait(false);
        }

        if (version >= 2)
        {
            writer.WriteInt32(0);
        }

        writer.WriteInt16(result.Error);
        writer.WriteInt32(result.GenerationId);
        writer.WriteString(result.ProtocolName);
        writer.WriteString(result.LeaderId);
        writer.WriteString(result.MemberId);
        writer.WriteArrayLength(result.Members.Count);
        foreach (var member in result.Members)
        {
            writer.WriteString(member.MemberId);
            if (version >= 5)
            {
                writer.WriteNullableString(member.GroupInstanceId);
            }

            writer.WriteBytes(member.Metadata);
        }
    }
}
