using Harness.Broker.Cluster;
using Harness.Broker.Protocol;

namespace Harness.Broker.Admin;

/// <summary>Kafka's checks of manual replica assignments (CreateTopics, CreatePartitions).</summary>
internal static class ReplicaAssignments
{
    /// <summary>Checks every replica list; <paramref name="replicationFactor"/> is the factor they must all have, or null to take the first one's.</summary>
    public static AdminError Validate(ClusterState cluster, IReadOnlyList<int[]> assignments, int? replicationFactor)
    {
        var expected = replicationFactor ?? assignments.FirstOrDefault()?.Length ?? 0;
        foreach (var replicas in assignments)
        {
            if (replicas.Length == 0)
            {
                return Invalid("Replica assignment of a partition must name at least one broker");
            }

            if (replicas.Distinct().Count() != replicas.Length)
            {
                return Invalid($"Duplicate brokers not allowed in replica assignment: {string.Join(", ", replicas)}");
            }

            var unknown = replicas.Where(id => cluster.FindBroker(id) is null).ToList();
            if (unknown.Count > 0)
            {
                return Invalid($"Unknown broker(s) in replica assignment: {string.Join(", ", unknown)}");
            }

            if (replicas.Length != expected)
            {
                return Invalid($"All partitions should have the same number of replicas: expected {expected}, got {replicas.Length} ({string.Join(", ", replicas)})");
            }
        }

        return AdminError.None;
    }

    private static AdminError Invalid(string message) => new(ErrorCode.InvalidReplicaAssignment, message);
}
