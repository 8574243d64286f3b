namespace Harness.Mm2.Policies;

/// <summary>
/// Kafka's <c>DefaultReplicationPolicy</c>: a remote topic is named <c>&lt;sourceAlias&gt;&lt;separator&gt;&lt;topic&gt;</c>.
/// </summary>
/// <remarks>
/// <para>
/// Matches Kafka 4.x, including its quirks: a topic is split at every occurrence of the separator, trailing
/// empty parts are dropped (Java's <c>String.split</c>), and the first part is the source alias. So
/// <c>".hidden"</c> has source <c>""</c> and <c>"a."</c> is not remote.
/// </para>
/// <para>
/// Internal topic names use the separator too (<c>replication.policy.internal.topic.separator.enabled</c>, default
/// true): with <c>_</c> the offset-syncs topic is <c>mm2-offset-syncs_b_internal</c>. MM2's own topics are those
/// that start with <c>mm2</c> and end with <c>&lt;separator&gt;internal</c>, plus checkpoints topics. Kafka 3.x
/// also treated every topic ending in <c>.internal</c> or <c>-internal</c> as internal; KAFKA-17200 (4.0) dropped
/// that so user topics with such names replicate, and this class follows 4.x.
/// </para>
/// </remarks>
public sealed class DefaultReplicationPolicy : IReplicationPolicy
{
    /// <summary>The default separator, as in Kafka's <c>replication.policy.separator</c>.</summary>
    public const string DefaultSeparator = ".";

    private const string Mm2Prefix = "mm2";

    private readonly string _internalSeparator;

    /// <summary>Creates the policy.</summary>
    /// <param name="separator">Separator between the source alias and the topic. Must not be empty.</param>
    /// <param name="internalTopicSeparatorEnabled">
    /// Kafka's <c>replication.policy.internal.topic.separator.enabled</c>: when false, internal topic names keep
    /// <c>.</c> whatever the separator (the pre-3.1 names).
    /// </param>
    /// <exception cref="ArgumentException">The separator is empty.</exception>
    public DefaultReplicationPolicy(string separator = DefaultSeparator, bool internalTopicSeparatorEnabled = true)
    {
        ArgumentNullException.ThrowIfNull(separator);
        if (separator.Length == 0)
        {
            // Kafka accepts it, but an empty regex splits between every character, which names nothing sensible.
            throw new ArgumentException("The replication policy separator must not be empty.", nameof(separator));
        }

        Separator = separator;
        InternalTopicSeparatorEnabled = internalTopicSeparatorEnabled;
        _internalSeparator = internalTopicSeparatorEnabled ? separator : DefaultSeparator;
    }

    /// <summary>Separator between the source alias and the topic.</summary>
    public string Separator { get; }

    /// <summary>Whether internal topic names use <see cref="Separator"/> rather than <c>.</c>.</summary>
    public bool InternalTopicSeparatorEnabled { get; }

    /// <inheritdoc />
    public string HeartbeatsTopic => "heartbeats";

    private string InternalSuffix => _internalSeparator + "internal";

    private string CheckpointsSuffix => _internalSeparator + "checkpoints" + InternalSuffix;

    /// <inheritdoc />
    public string FormatRemoteTopic(string sourceClusterAlias, string topic)
    {
        ArgumentNullException.ThrowIfNull(sourceClusterAlias);
        ArgumentNullException.ThrowIfNull(topic);
        return sourceClusterAlias + Separator + topic;
    }

    /// <inheritdoc />
    public string? TopicSource(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var first = topic.IndexOf(Separator, StringComparison.Ordinal);
        if (first < 0)
        {
            return null;
        }

        // Java's split drops trailing empty parts, so the topic is remote only if something other than
        // separators follows the first one: "a." and "a.." are not remote, "a..b" is.
        var rest = topic.AsSpan(first + Separator.Length);
        while (rest.StartsWith(Separator, StringComparison.Ordinal))
        {
            rest = rest[Separator.Length..];
        }

        return rest.IsEmpty ? null : topic[..first];
    }

    /// <inheritdoc />
    public string? UpstreamTopic(string topic)
    {
        var source = TopicSource(topic);
        return source is null ? null : topic[(source.Length + Separator.Length)..];
    }

    /// <inheritdoc />
    public string OriginalTopic(string topic) => ReplicationPolicyRules.OriginalTopic(this, topic);

    /// <inheritdoc />
    public string OffsetSyncsTopic(string clusterAlias)
    {
        ArgumentNullException.ThrowIfNull(clusterAlias);
        return "mm2-offset-syncs" + _internalSeparator + clusterAlias + InternalSuffix;
    }

    /// <inheritdoc />
    public string CheckpointsTopic(string clusterAlias)
    {
        ArgumentNullException.ThrowIfNull(clusterAlias);
        return clusterAlias + CheckpointsSuffix;
    }

    /// <inheritdoc />
    public bool IsHeartbeatsTopic(string topic) => ReplicationPolicyRules.IsHeartbeatsTopic(this, topic);

    /// <inheritdoc />
    public bool IsCheckpointsTopic(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return topic.EndsWith(CheckpointsSuffix, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public bool IsMm2InternalTopic(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return (topic.StartsWith(Mm2Prefix, StringComparison.Ordinal) && topic.EndsWith(InternalSuffix, StringComparison.Ordinal))
            || IsCheckpointsTopic(topic);
    }

    /// <inheritdoc />
    public bool IsInternalTopic(string topic) => ReplicationPolicyRules.IsInternalTopic(this, topic);
}
