namespace Harness.Mm2.Policies;

/// <summary>
/// The rules Kafka's <c>ReplicationPolicy</c> interface supplies as default methods, shared by both policies
/// because both sealed classes must behave as if they inherited them.
/// </summary>
internal static class ReplicationPolicyRules
{
    public static string OriginalTopic(IReplicationPolicy policy, string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);

        // Iterative form of Kafka's recursion. The equality check ends the walk for the identity policy,
        // whose upstream topic of an ordinary topic is the topic itself.
        var current = topic;
        while (true)
        {
            var upstream = policy.UpstreamTopic(current);
            if (upstream is null || upstream == current)
            {
                return current;
            }

            current = upstream;
        }
    }

    public static bool IsHeartbeatsTopic(IReplicationPolicy policy, string topic) =>
        policy.HeartbeatsTopic == policy.OriginalTopic(topic);

    public static bool IsInternalTopic(IReplicationPolicy policy, string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var isKafkaInternal = topic.StartsWith("__", StringComparison.Ordinal) || topic.StartsWith('.');
        return policy.IsMm2InternalTopic(topic) || isKafkaInternal;
    }
}
