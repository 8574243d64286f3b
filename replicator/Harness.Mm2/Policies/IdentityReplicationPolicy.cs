namespace Harness.Mm2.Policies;

/// <summary>
/// Kafka's <c>IdentityReplicationPolicy</c>: remote topics keep their names, except heartbeats topics, which are
/// named as by <see cref="DefaultReplicationPolicy"/> so that heartbeats still show the path they travelled.
/// </summary>
/// <remarks>
/// <para>
/// "Heartbeats topic" here means, as in Kafka, any topic whose name <em>ends with</em> <c>heartbeats</c>: a user
/// topic called <c>service-heartbeats</c> is renamed to <c>&lt;source&gt;.service-heartbeats</c> too.
/// </para>
/// <para>
/// A topic name alone does not tell where an ordinary topic came from, so <see cref="TopicSource"/> returns the
/// configured source alias (null by default) and <see cref="UpstreamTopic"/> returns the topic itself.
/// Internal topic names and checks are those of <see cref="DefaultReplicationPolicy"/> with the same separator.
/// </para>
/// </remarks>
public sealed class IdentityReplicationPolicy : IReplicationPolicy
{
    private readonly DefaultReplicationPolicy _default;

    /// <summary>Creates the policy.</summary>
    /// <param name="separator">Separator used for heartbeats topics and internal topic names. Must not be empty.</param>
    /// <param name="sourceClusterAlias">Kafka's <c>source.cluster.alias</c>: what <see cref="TopicSource"/> reports for ordinary topics.</param>
    /// <param name="internalTopicSeparatorEnabled">As for <see cref="DefaultReplicationPolicy"/>.</param>
    /// <exception cref="ArgumentException">The separator is empty.</exception>
    public IdentityReplicationPolicy(
        string separator = DefaultReplicationPolicy.DefaultSeparator,
        string? sourceClusterAlias = null,
        bool internalTopicSeparatorEnabled = true)
    {
        _default = new DefaultReplicationPolicy(separator, internalTopicSeparatorEnabled);
        SourceClusterAlias = sourceClusterAlias;
    }

    /// <summary>Separator used for heartbeats topics and internal topic names.</summary>
    public string Separator => _default.Separator;

    /// <summary>The alias reported as the source of every ordinary topic, or null.</summary>
    public string? SourceClusterAlias { get; }

    /// <inheritdoc />
    public string HeartbeatsTopic => _default.HeartbeatsTopic;

    /// <inheritdoc />
    public string FormatRemoteTopic(string sourceClusterAlias, string topic)
    {
        ArgumentNullException.ThrowIfNull(sourceClusterAlias);
        return LooksLikeHeartbeats(topic) ? _default.FormatRemoteTopic(sourceClusterAlias, topic) : topic;
    }

    /// <inheritdoc />
    public string? TopicSource(string topic) =>
        LooksLikeHeartbeats(topic) ? _default.TopicSource(topic) : SourceClusterAlias;

    /// <inheritdoc />
    public string? UpstreamTopic(string topic) =>
        LooksLikeHeartbeats(topic) ? _default.UpstreamTopic(topic) : topic;

    /// <inheritdoc />
    public string OriginalTopic(string topic) => ReplicationPolicyRules.OriginalTopic(this, topic);

    /// <inheritdoc />
    public string OffsetSyncsTopic(string clusterAlias) => _default.OffsetSyncsTopic(clusterAlias);

    /// <inheritdoc />
    public string CheckpointsTopic(string clusterAlias) => _default.CheckpointsTopic(clusterAlias);

    /// <inheritdoc />
    public bool IsHeartbeatsTopic(string topic) => ReplicationPolicyRules.IsHeartbeatsTopic(this, topic);

    /// <inheritdoc />
    public bool IsCheckpointsTopic(string topic) => _default.IsCheckpointsTopic(topic);

    /// <inheritdoc />
    public bool IsMm2InternalTopic(string topic) => _default.IsMm2InternalTopic(topic);

    /// <inheritdoc />
    public bool IsInternalTopic(string topic) => ReplicationPolicyRules.IsInternalTopic(this, topic);

    private bool LooksLikeHeartbeats(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return topic.EndsWith(HeartbeatsTopic, StringComparison.Ordinal);
    }
}
