namespace Harness.Mm2.Policies;

/// <summary>Creates replication policies from the names used in MM2 configuration.</summary>
public static class ReplicationPolicies
{
    /// <summary>Kafka's class name for <see cref="DefaultReplicationPolicy"/>.</summary>
    public const string DefaultClassName = "org.apache.kafka.connect.mirror.DefaultReplicationPolicy";

    /// <summary>Kafka's class name for <see cref="IdentityReplicationPolicy"/>.</summary>
    public const string IdentityClassName = "org.apache.kafka.connect.mirror.IdentityReplicationPolicy";

    /// <summary>
    /// Creates the policy named by a <c>replication.policy.class</c> value (surrounding whitespace is ignored, as
    /// Kafka trims class names) or by the short names <c>default</c> and <c>identity</c> (any case).
    /// </summary>
    /// <param name="className">A Kafka class name or short name.</param>
    /// <param name="separator">The <c>replication.policy.separator</c> value.</param>
    /// <param name="internalTopicSeparatorEnabled">The <c>replication.policy.internal.topic.separator.enabled</c> value.</param>
    /// <exception cref="ArgumentException">The name is not a known policy, or the separator is empty.</exception>
    public static IReplicationPolicy FromClassName(
        string className,
        string separator = DefaultReplicationPolicy.DefaultSeparator,
        bool internalTopicSeparatorEnabled = true)
    {
        ArgumentNullException.ThrowIfNull(className);
        var name = className.Trim();
        if (name == DefaultClassName || name.Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            return new DefaultReplicationPolicy(separator, internalTopicSeparatorEnabled);
        }

        if (name == IdentityClassName || name.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return new IdentityReplicationPolicy(separator, sourceClusterAlias: null, internalTopicSeparatorEnabled);
        }

        throw new ArgumentException(
            $"Unknown replication policy '{className}'. Use '{DefaultClassName}' (or 'default') or '{IdentityClassName}' (or 'identity').",
            nameof(className));
    }
}
