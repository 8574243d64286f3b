using Harness.Broker.Cluster;
using Harness.Broker.Protocol;

namespace Harness.Broker.Admin;

/// <summary>Checks one CreateTopics entry in Kafka's order, then creates the topic (or only validates it).</summary>
internal static class TopicCreator
{
    public static AdminError Create(ClusterState cluster, CreatableTopic topic, bool validateOnly)
    {
        var nameError = TopicNames.Validate(topic.Name);
        if (nameError is not null)
        {
            return new AdminError(ErrorCode.InvalidTopicException, nameError);
        }

        if (cluster.Topics.ContainsKey(topic.Name))
        {
            return new AdminError(ErrorCode.TopicAlreadyExists, $"Topic '{topic.Name}' already exists.");
        }

        var nullConfigs = topic.Configs.Where(c => c.Value is null).Select(c => c.Key).ToList();
        if (nullConfigs.Count > 0)
        {
            return new AdminError(ErrorCode.InvalidRequest, $"Null value not supported for topic configs: {string.Join(",", nullConfigs)}");
        }

        Dictionary<int, int[]>? assignments = null;
        if (topic.Assignments.Count > 0)
        {
            var error = CheckAssignments(cluster, topic, out assignments);
            if (error.IsError)
            {
                return error;
            }
        }

        // Kafka refuses names that differ only in '.' versus '_', since both map to the same metric names.
        var collision = cluster.Topics.Keys.FirstOrDefault(existing => existing != topic.Name && MetricName(existing) == MetricName(topic.Name));
        if (collision is not null)
        {
            return new AdminError(ErrorCode.InvalidTopicException, $"Topic '{topic.Name}' collides with existing topic: {collision}");
        }

        // A config named twice keeps its last value, as Kafka's does.
        var configs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in topic.Configs)
        {
            configs[name] = value!;
        }

        var (code, message) = cluster.CreateTopic(topic.Name, topic.Partitions, topic.ReplicationFactor, assignments, configs, validateOnly);
        return new AdminError(code, message);
    }

    private static AdminError CheckAssignments(ClusterState cluster, CreatableTopic topic, out Dictionary<int, int[]>? assignments)
    {
        assignments = null;
        if (topic.Partitions != -1 || topic.ReplicationFactor != -1)
        {
            return new AdminError(ErrorCode.InvalidRequest,
                "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.");
        }

        var byPartition = new Dictionary<int, int[]>();
        foreach (var (partition, brokers) in topic.Assignments)
        {
            if (!byPartition.TryAdd(partition, brokers))
            {
                return new AdminError(ErrorCode.InvalidReplicaAssignment, $"Partition {partition} is assigned more than once");
            }
        }

        if (Enumerable.Range(0, byPartition.Count).Any(p => !byPartition.ContainsKey(p)))
        {
            return new AdminError(ErrorCode.InvalidReplicaAssignment, "Partitions should be a consecutive 0-based integer sequence");
        }

        var error = ReplicaAssignments.Validate(cluster, [.. Enumerable.Range(0, byPartition.Count).Select(p => byPartition[p])], null);
        if (!error.IsError)
        {
            assignments = byPartition;
        }

        return error;
    }

    private static string MetricName(string topic) => topic.Replace('.', '_');
}
