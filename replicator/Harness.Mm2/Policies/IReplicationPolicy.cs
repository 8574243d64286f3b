namespace Harness.Mm2.Policies;

/// <summary>
/// How MirrorMaker 2 names replicated ("remote") topics and its own internal topics, mirroring Kafka's
/// <c>org.apache.kafka.connect.mirror.ReplicationPolicy</c>. Methods that Kafka lets return null return null here.
/// </summary>
public interface IReplicationPolicy
{
    /// <summary>The name of the heartbeats topic, <c>heartbeats</c>.</summary>
    string HeartbeatsTopic { get; }

    /// <summary>The name <paramref name="topic"/> from cluster <paramref name="sourceClusterAlias"/> gets in the target.</summary>
    string FormatRemoteTopic(string sourceClusterAlias, string topic);

    /// <summary>The alias of the cluster a remote topic came from, or null when the topic is not remote.</summary>
    string? TopicSource(string topic);

    /// <summary>
    /// The topic's name one hop upstream (which may itself be remote), or null when the topic is not remote.
    /// </summary>
    string? UpstreamTopic(string topic);

    /// <summary>The name of the topic at its origin, following every hop; the topic itself when not remote.</summary>
    string OriginalTopic(string topic);

    /// <summary>The offset-syncs topic MM2 keeps for replication to <paramref name="clusterAlias"/>.</summary>
    string OffsetSyncsTopic(string clusterAlias);

    /// <summary>The checkpoints topic MM2 writes for groups of cluster <paramref name="clusterAlias"/>.</summary>
    string CheckpointsTopic(string clusterAlias);

    /// <summary>Whether the topic is a heartbeats topic at any number of hops (<c>heartbeats</c>, <c>a.heartbeats</c>).</summary>
    bool IsHeartbeatsTopic(string topic);

    /// <summary>Whether the topic is an MM2 checkpoints topic.</summary>
    bool IsCheckpointsTopic(string topic);

    /// <summary>Whether the topic is one of MM2's own internal topics.</summary>
    bool IsMm2InternalTopic(string topic);

    /// <summary>Whether the topic is internal (MM2's own, or Kafka's <c>__</c>/<c>.</c>-prefixed) and so never replicated.</summary>
    bool IsInternalTopic(string topic);
}
