using Harness.Broker.Admin;
using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Handlers;

/// <summary>
/// CreateTopics v0-v4: partition count and replication factor (or -1 for the defaults), manual assignments,
/// configs and validate_only. Creation completes before the answer, so the request timeout never matters.
/// </summary>
internal sealed class CreateTopicsHandler : IApiHandler
{
    public ApiKey Key => ApiKey.CreateTopics;

    public short MinVersion => 0;

    public short MaxVersion => 4;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var count = reader.ReadArrayLength();
        var topics = new List<CreatableTopic>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            topics.Add(ReadTopic(reader));
        }

        reader.ReadInt32(); // timeout_ms
        var validateOnly = version >= 1 && reader.ReadBool();

        // Kafka answers a name sent twice once, with INVALID_REQUEST, and creates nothing under it.
        var duplicates = topics.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var controller = ControllerRequirement.Check(context);
        var results = new List<(string Name, AdminError Error)>();
        foreach (var topic in topics.DistinctBy(t => t.Name, StringComparer.Ordinal))
        {
            var error = context.InjectedError != ErrorCode.None ? AdminError.Injected(context.InjectedError)
                : controller.IsError ? controller
                : duplicates.Contains(topic.Name) ? new AdminError(ErrorCode.InvalidRequest, $"Create topics request contains multiple entries for topic {topic.Name}")
                : !context.IsAllowed(AclOperation.Create, AclResourceType.Cluster, Authorizer.ClusterName) && !context.IsAllowed(AclOperation.Create, AclResourceType.Topic, topic.Name)
                    ? new AdminError(ErrorCode.TopicAuthorizationFailed, "Authorization failed.")
                : TopicCreator.Create(context.Cluster, topic, validateOnly);
            results.Add((topic.Name, error));
        }

        if (version >= 2)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }

        writer.WriteArrayLength(results.Count);
        foreach (var (name, error) in results)
        {
            writer.WriteString(name);
            writer.WriteInt16(error.Code);
            if (version >= 1)
            {
                writer.WriteNullableString(error.Message);
            }
        }

        return ValueTask.CompletedTask;
    }

    private static CreatableTopic ReadTopic(KafkaReader reader)
    {
        var name = reader.ReadString();
        var partitions = reader.ReadInt32();
        var replicationFactor = reader.ReadInt16();
        var assignmentCount = reader.ReadArrayLength();
        var assignments = new List<(int, int[])>(Math.Max(assignmentCount, 0));
        for (var a = 0; a < assignmentCount; a++)
        {
            var partition = reader.ReadInt32();
            var brokerCount = reader.ReadArrayLength();
            var brokers = new int[Math.Max(brokerCount, 0)];
            for (var b = 0; b < brokers.Length; b++)
            {
                brokers[b] = reader.ReadInt32();
            }

            assignments.Add((partition, brokers));
        }

        var configCount = reader.ReadArrayLength();
        var configs = new List<KeyValuePair<string, string?>>(Math.Max(configCount, 0));
        for (var c = 0; c < configCount; c++)
        {
            var key = reader.ReadString();
            configs.Add(new KeyValuePair<string, string?>(key, reader.ReadNullableString()));
        }

        return new CreatableTopic(name, partitions, replicationFactor, assignments, configs);
    }
}
