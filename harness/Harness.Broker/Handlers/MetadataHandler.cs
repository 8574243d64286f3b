using Harness.Broker.Cluster;
using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Handlers;

/// <summary>
/// Metadata v0-v12 (flexible from v9): live brokers, controller, topics with their ids (v10+), leaders, epochs,
/// replicas and ISR. From v10 a topic may be asked for by id alone. Authorized operations (v8+) are the requesting
/// principal's, so a client can probe what it may do without doing it.
/// </summary>
internal sealed class MetadataHandler : IApiHandler
{
    public ApiKey Key => ApiKey.Metadata;

    public short MinVersion => 0;

    public short MaxVersion => 12;

    public short FirstFlexibleVersion => 9;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var flexible = context.Flexible;
        var cluster = context.Cluster;
        var count = reader.ReadArrayLength(flexible);
        List<(Guid Id, string? Name)>? requested = null;
        if (count >= 0 && !(version == 0 && count == 0))
        {
            requested = new List<(Guid, string?)>(count);
            for (var i = 0; i < count; i++)
            {
                var id = version >= 10 ? reader.ReadUuid() : Guid.Empty;
                var name = version >= 10 ? reader.ReadNullableString(flexible) : reader.ReadString(flexible);
                if (flexible)
                {
                    reader.SkipTaggedFields();
                }

                requested.Add((id, name));
            }
        }

        var allowAutoCreate = version < 4 || reader.ReadBool();
        var includeTopicOps = false;
        var includeClusterOps = false;
        if (version >= 8)
        {
            if (version <= 10)
            {
                includeClusterOps = reader.ReadBool();
            }

            includeTopicOps = reader.ReadBool();
        }

        if (flexible)
        {
            reader.SkipTaggedFields();
        }

        if (version >= 3)
        {
            writer.WriteInt32(0);
        }

        var brokers = cluster.Brokers.Where(b => b.IsUp).ToList();
        writer.WriteArrayLength(brokers.Count, flexible);
        foreach (var broker in brokers)
        {
            writer.WriteInt32(broker.Id);
            writer.WriteString(broker.Host, flexible);
            writer.WriteInt32(broker.Port);
            if (version >= 1)
            {
                writer.WriteNullableString(null, flexible);
            }

            if (flexible)
            {
                writer.WriteEmptyTaggedFields();
            }
        }

        if (version >= 2)
        {
            writer.WriteNullableString(cluster.ClusterId, flexible);
        }

        if (version >= 1)
        {
            writer.WriteInt32(cluster.ControllerId);
        }

        // Listing every topic shows only those the principal may describe, as Kafka does.
        var topics = requested ?? cluster.Topics.Keys.Order(StringComparer.Ordinal).Where(n => context.IsAllowed(AclOperation.Describe, AclResourceType.Topic, n))
            .Select(n => (Guid.Empty, (string?)n)).ToList();
        writer.WriteArrayLength(topics.Count, flexible);
        foreach (var (id, name) in topics)
        {
            WriteTopic(context, writer, id, name, requested is not null && allowAutoCreate, includeTopicOps);
        }

        if (version is >= 8 and <= 10)
        {
            writer.WriteInt32(includeClusterOps ? context.ClusterAuthorizedOperations() : int.MinValue);
        }

        if (flexible)
        {
            writer.WriteEmptyTaggedFields();
        }

        return ValueTask.CompletedTask;
    }

    private static void WriteTopic(RequestContext context, KafkaWriter writer, Guid id, string? name, bool mayCreate, bool includeTopicOps)
    {
        var version = context.Version;
        var flexible = context.Flexible;
        var cluster = context.Cluster;
        TopicState? topic;
        if (name is null)
        {
            // Asked by id (v10+): a name never auto-creates here, and an unknown id is UNKNOWN_TOPIC_ID.
            topic = cluster.Topics.Values.FirstOrDefault(t => t.TopicId == id);
        }
        else if (!cluster.Topics.TryGetValue(name, out topic) && mayCreate && cluster.Options.AutoCreateTopics && TopicNames.Validate(name) is null
            && context.IsAllowed(AclOperation.Create, AclResourceType.Topic, name))
        {
            cluster.CreateTopic(name, -1, -1, null, new Dictionary<string, string>(), false);
            cluster.Topics.TryGetValue(name, out topic);
        }

        var error = context.InjectedError != ErrorCode.None ? context.InjectedError
            : !context.IsAllowed(AclOperation.Describe, AclResourceType.Topic, topic?.Name ?? name ?? "") ? ErrorCode.TopicAuthorizationFailed
            : topic is not null ? ErrorCode.None
            : name is null ? ErrorCode.UnknownTopicId
            : TopicNames.Validate(name) is null ? ErrorCode.UnknownTopicOrPartition
            : ErrorCode.InvalidTopicException;
        writer.WriteInt16(error);
        if (version >= 12)
        {
            writer.WriteNullableString(topic?.Name ?? name, flexible);
        }
        else
        {
            writer.WriteString(topic?.Name ?? name ?? "", flexible);
        }

        if (version >= 10)
        {
            writer.WriteUuid(topic?.TopicId ?? id);
        }

        if (version >= 1)
        {
            writer.WriteBool(topic?.IsInternal ?? false);
        }

        var partitions = topic is null || error != ErrorCode.None ? [] : topic.Partitions;
        writer.WriteArrayLength(partitions.Length, flexible);
        foreach (var partition in partitions)
        {
            var (leader, epoch) = partition.Snapshot();
            var isr = cluster.InSyncReplicas(partition);
            writer.WriteInt16(leader == -1 ? ErrorCode.LeaderNotAvailable : ErrorCode.None);
            writer.WriteInt32(partition.Index);
            writer.WriteInt32(leader);
            if (version >= 7)
            {
                writer.WriteInt32(epoch);
            }

            WriteIds(writer, partition.Replicas, flexible);
            WriteIds(writer, isr, flexible);
            if (version >= 5)
            {
                WriteIds(writer, partition.Replicas.Where(r => !cluster.IsUp(r)).ToArray(), flexible);
            }

            if (flexible)
            {
                writer.WriteEmptyTaggedFields();
            }
        }

        if (version >= 8)
        {
            // As Kafka: the principal's own operations, and none for a topic it may not even describe.
            writer.WriteInt32(includeTopicOps && error != ErrorCode.TopicAuthorizationFailed
                ? context.AuthorizedOperations(AclResourceType.Topic, topic?.Name ?? name ?? "")
                : int.MinValue);
        }

        if (flexible)
        {
            writer.WriteEmptyTaggedFields();
        }
    }

    private static void WriteIds(KafkaWriter writer, int[] ids, bool flexible)
    {
        writer.WriteArrayLength(ids.Length, flexible);
        foreach (var id in ids)
        {
            writer.WriteInt32(id);
        }
    }
}
