using Harness.Reports.Model;

namespace Harness.Engine.Safety.Preflight;

/// <summary>
/// Whether the run's principal may do what the run needs on each of its topics, judged from what the cluster answered
/// without anything being tried: the topic's authorized operations (Metadata v8+), TOPIC_AUTHORIZATION_FAILED when it
/// may not even describe it, and CREATE on the cluster for a topic the run will create.
/// </summary>
public static class AuthProbes
{
    /// <summary>One row per topic and needed operation (for a topic that does not exist yet: CREATE, then the others as unknown).</summary>
    public static IReadOnlyList<PreflightProbe> Evaluate(ClusterSnapshot cluster, IEnumerable<string> topics, IReadOnlyList<string> operations)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(operations);
        var rows = new List<PreflightProbe>();
        foreach (var name in topics.Distinct(StringComparer.Ordinal))
        {
            var topic = cluster.Topics.GetValueOrDefault(name) ?? new TopicSnapshot(name);
            PreflightProbe Row(string operation, string outcome, string detail) => new()
            {
                Cluster = cluster.Role, Principal = cluster.Principal, Topic = name, Operation = operation, Outcome = outcome, Detail = detail,
            };

            if (cluster.NoAuthorizer)
            {
                rows.AddRange((topic.Exists ? operations : ["CREATE", .. operations]).Select(o => Row(o, "allowed", "the cluster has no authorizer")));
                continue;
            }

            if (topic.DescribeDenied)
            {
                rows.AddRange(operations.Select(o => Row(o, "denied", "the principal may not even describe it (Metadata: TOPIC_AUTHORIZATION_FAILED)")));
                continue;
            }

            if (!topic.Exists)
            {
                rows.Add(cluster.ClusterOperations is null
                    ? Row("CREATE", "unknown", "the topic does not exist yet and the broker did not answer the cluster's authorized operations")
                    : cluster.ClusterOperations.Contains("CREATE")
                        ? Row("CREATE", "allowed", "the topic does not exist yet; CREATE on the cluster (DescribeCluster)")
                        : Row("CREATE", "unknown", "the topic does not exist yet and there is no CREATE on the cluster; a CREATE ACL on the topic name may still allow it"));
                rows.AddRange(operations.Select(o => Row(o, "unknown", "the topic does not exist yet, so its ACLs cannot be probed without creating it")));
                continue;
            }

            rows.AddRange(operations.Select(o => topic.Operations is null
                ? Row(o, "unknown", "the broker did not answer the topic's authorized operations")
                : topic.Operations.Contains(o)
                    ? Row(o, "allowed", "in the topic's authorized operations (Metadata)")
                    : Row(o, "denied", $"not in the topic's authorized operations (Metadata: {(topic.Operations.Count == 0 ? "none" : string.Join(", ", topic.Operations.Order(StringComparer.Ordinal)))})")));
        }

        return rows;
    }
}
