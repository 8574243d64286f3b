using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>
/// ListGroups v0-v2 (v3 is flexible). Each broker lists only the groups it coordinates, as in Kafka, because
/// admin clients ask every broker and concatenate the answers.
/// </summary>
internal sealed class ListGroupsHandler : IApiHandler
{
    public ApiKey Key => ApiKey.ListGroups;

    public short MinVersion => 0;

    public short MaxVersion => 2;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var cluster = context.Cluster;
        var groups = context.InjectedError != ErrorCode.None ? []
            : cluster.Groups.ListGroups(groupId => cluster.CoordinatorFor(groupId) == context.Broker);
        if (context.Version >= 1)
        {
            writer.WriteInt32(0);
        }

        writer.WriteInt16(context.InjectedError);
        writer.WriteArrayLength(groups.Count);
        foreach (var group in groups)
        {
            writer.WriteString(group.GroupId);
            writer.WriteString(group.ProtocolType);
        }

        return ValueTask.CompletedTask;
    }
}
