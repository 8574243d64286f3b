using Harness.Broker.Cluster;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>Metadata v0-v8: live brokers, controller, topics with leaders, epochs, replicas and ISR.</summary>
internal sealed class MetadataHandler : IApiHandler
{
    public ApiKey Key => ApiKey.Metadata;

    public short MinVersion => 0;

    public short MaxVersion => 8;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var cluster = context.Cluster;
        var count = reader.ReadArrayLength();
        List<string>? requested = null;
        if (count >= 0 && !(version == 0 && count == 0))
        {
            requested = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                requested.Add(reader.ReadString());
            }
        }

        var allowAutoCreate = version < 4 || reader.ReadBool();
        var includeTopicOps = false;
        if (version >= 8)
        {
            reader.ReadBool(); // include_cluster_authorized_operations
            includeTopicOps = reader.ReadBool();
        }

        if (version >= 3)
        {
            writer.WriteInt32(0);
        }

        var brokers = cluster.Brokers.Where(b => b.IsUp).ToList();
        writer.WriteArrayLength(brokers.Count);
        foreach (var broker in brokers)
        {
            writer.WriteInt32(broker.Id);
            writer.WriteString(broker.Host);
            writer.WriteInt32(broker.Port);
            if (version >= 1)
            {
                writer.WriteNullableString(null);
            }
        }

        if (version >= 2)
        {
            writer.WriteNullableString(cluster.ClusterId);
        }

        if (version >= 1)
        {
            writer.WriteInt32(cluster.ControllerId);
        }

        var names = requested ?? cluster.Topics.Keys.Order(StringComparer.Ordinal).ToList();
        writer.WriteArrayLength(names.Count);
        foreach (var name in names)
        {
            WriteTopic(context, writer, name, requested is not null && allowAutoCreate, includeTopicOps);
        }

        if (version >= 8)
        {
            writer.WriteInt32(int.MinValue);
        }

        return ValueTask.CompletedTask;
    }

    private static void WriteTopic(RequestContext context, KafkaWriter writer, string name, bool mayCreate, bool includeTopicOps)
    {
        var version = context.Version;
        var cluster = context.Cluster;
        if (!cluster.Topics.TryGetValue(name, out var topic) && mayCreate && cluster.Options.AutoCreateTopics && TopicNames.Validate(name) is null)
        {
            cluster.CreateTopic(name, -1, -1, null, new Dictionary<string, string>(), false);
            cluster.Topics.TryGetValue(name, out topic);
        }

        var error = context.InjectedError != ErrorCode.None ? context.InjectedError
            : topic is null ? (TopicNames.Validate(name) is null ? ErrorCode.UnknownTopicOrPartition : ErrorCode.InvalidTopicException)
            : ErrorCode.None;
        writer.WriteInt16(error);
        writer.WriteString(name);
        if (version >= 1)
        {
            writer.WriteBool(topic?.IsInternal ?? false);
        }

        var partitions = topic is null || error != ErrorCode.None ? [] : topic.Partitions;
        writer.WriteArrayLength(partitions.Length);
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

            WriteIds(writer, partition.Replicas);
            WriteIds(writer, isr);
            if (version >= 5)
            {
                WriteIds(writer, partition.Replicas.Where(r => !cluster.IsUp(r)).ToArray());
            }
        }

        if (version >= 8)
        {
            writer.WriteInt32(includeTopicOps ? AllTopicOperations : int.MinValue);
        }
    }

    /// <summary>Bit set of every topic ACL operation: no authorization is enforced, so everything is allowed.</summary>
    private const int AllTopicOperations = (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 10) | (1 << 11);

    private static void WriteIds(KafkaWriter writer, int[] ids)
    {
        writer.WriteArrayLength(ids.Length);
        foreach (var id in ids)
        {
            writer.WriteInt32(id);
        }
    }
}
