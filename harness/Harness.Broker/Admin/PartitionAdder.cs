using Harness.Broker.Cluster;
using Harness.Broker.Protocol;

namespace Harness.Broker.Admin;

/// <summary>Checks one CreatePartitions entry as Kafka does, then grows the topic (or only validates).</summary>
internal static class PartitionAdder
{
    public static AdminError Add(ClusterState cluster, string name, int count, IReadOnlyList<int[]>? assignments, bool validateOnly)
    {
        if (!cluster.Topics.TryGetValue(name, out var topic))
        {
            return new AdminError(ErrorCode.UnknownTopicOrPartition, $"The topic '{name}' does not exist.");
        }

        var current = topic.Partitions.Length;
        if (count < current)
        {
            return new AdminError(ErrorCode.InvalidPartitions, $"Topic currently has {current} partitions, which is higher than the requested {count}.");
        }

        if (count == current)
        {
            return new AdminError(ErrorCode.InvalidPartitions, $"Topic already has {current} partitions.");
        }

        if (assignments is not null)
        {
            if (assignments.Count != count - current)
            {
                return new AdminError(ErrorCode.InvalidReplicaAssignment,
                    $"Increasing the number of partitions by {count - current} but {assignments.Count} assignments provided.");
            }

            var error = ReplicaAssignments.Validate(cluster, assignments, topic.Partitions[0].Replicas.Length);
            if (error.IsError)
            {
                return error;
            }
        }

        var (code, message) = cluster.AddPartitions(name, count, validateOnly, assignments);
        return new AdminError(code, message);
    }
}
