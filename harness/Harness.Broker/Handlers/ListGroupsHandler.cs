using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>
/// ListGroups v0-v4 (flexible from v3; v4 filters by state and reports each group's state, KIP-518). Each broker lists
/// only the groups it coordinates, as in Kafka, because admin clients ask every broker and concatenate the answers.
/// </summary>
internal sealed class ListGroupsHandler : IApiHandler
{
    public ApiKey Key => ApiKey.ListGroups;

    public short MinVersion => 0;

    public short MaxVersion => 4;

    public short FirstFlexibleVersion => 3;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var flexible = context.Flexible;
        var states = new HashSet<string>(StringComparer.Ordinal);
        if (version >= 4)
        {
            for (var count = reader.ReadArrayLength(flexible); count > 0; count--)
            {
                states.Add(reader.ReadString(flexible));
            }
        }

        if (flexible)
        {
            reader.SkipTaggedFields();
        }

        var cluster = context.Cluster;
        var groups = context.InjectedError != ErrorCode.None ? []
            : cluster.Groups.ListGroups(groupId => cluster.CoordinatorFor(groupId) == context.Broker)
                .Where(g => states.Count == 0 || states.Contains(g.State.ToString()))
                .ToList();
        if (version >= 1)
        {
            writer.WriteInt32(0);
        }

        writer.WriteInt16(context.InjectedError);
        writer.WriteArrayLength(groups.Count, flexible);
        foreach (var group in groups)
        {
            writer.WriteString(group.GroupId, flexible);
            writer.WriteString(group.ProtocolType, flexible);
            if (version >= 4)
            {
                writer.WriteString(group.State.ToString(), flexible);
            }

            if (flexible)
            {
                writer.WriteEmptyTaggedFields();
            }
        }

        if (flexible)
        {
            writer.WriteEmptyTaggedFields();
        }

        return ValueTask.CompletedTask;
    }
}
