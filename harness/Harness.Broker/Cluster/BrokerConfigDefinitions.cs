using System.Globalization;
using Harness.Broker.Admin;
using Harness.Broker.Storage;

namespace Harness.Broker.Cluster;

/// <summary>
/// The broker configs DescribeConfigs reports: only settings this broker really has, each read from the broker
/// or its cluster's options, so a tool that syncs or checks broker configs sees what the cluster does.
/// </summary>
internal static class BrokerConfigDefinitions
{
    /// <summary>Kafka's socket.request.max.bytes default, which the connection enforces.</summary>
    private const int SocketRequestMaxBytes = 100 * 1024 * 1024;

    public static IReadOnlyList<BrokerConfig> All { get; } =
    [
        new("broker.id", ConfigType.Int, b => Number(b.Id), "The id of this broker."),
        new("listeners", ConfigType.String, Listener, "The listener of this broker (plaintext, loopback only)."),
        new("advertised.listeners", ConfigType.String, Listener, "The listener clients are told to use."),
        new("auto.create.topics.enable", ConfigType.Boolean, b => Bool(b.Cluster.Options.AutoCreateTopics),
            "Whether Metadata requests for unknown topics create them."),
        new("delete.topic.enable", ConfigType.Boolean, _ => "true", "Topics can be deleted with DeleteTopics."),
        new("num.partitions", ConfigType.Int, b => Number(b.Cluster.Options.DefaultPartitions),
            "Partitions of auto-created topics and of CreateTopics with -1."),
        new("default.replication.factor", ConfigType.Int, b => Number(Math.Min(b.Cluster.Options.DefaultReplicationFactor, b.Cluster.Brokers.Count)),
            "Replication factor of auto-created topics and of CreateTopics with -1 (capped at the broker count)."),
        new("min.insync.replicas", ConfigType.Int, _ => Number(TopicConfig.Default.MinInsyncReplicas),
            "Default of the topic config min.insync.replicas."),
        new("message.max.bytes", ConfigType.Int, _ => Number(TopicConfig.Default.MaxMessageBytes),
            "Default of the topic config max.message.bytes."),
        new("log.retention.ms", ConfigType.Long, _ => Number(TopicConfig.Default.RetentionMs),
            "Default of the topic config retention.ms; -1 keeps everything for the run."),
        new("log.retention.bytes", ConfigType.Long, _ => Number(TopicConfig.Default.RetentionBytes),
            "Default of the topic config retention.bytes; -1 means no size limit."),
        new("log.cleanup.policy", ConfigType.List, _ => TopicDefault("cleanup.policy"), "Default of the topic config cleanup.policy."),
        new("log.message.timestamp.type", ConfigType.String, _ => TopicDefault("message.timestamp.type"),
            "Default of the topic config message.timestamp.type."),
        new("log.segment.bytes", ConfigType.Int, _ => TopicDefault("segment.bytes"), "Default of the topic config segment.bytes."),
        new("compression.type", ConfigType.String, _ => TopicDefault("compression.type"), "Default of the topic config compression.type."),
        new("unclean.leader.election.enable", ConfigType.Boolean, _ => TopicDefault("unclean.leader.election.enable"),
            "Default of the topic config unclean.leader.election.enable."),
        new("socket.request.max.bytes", ConfigType.Int, _ => Number(SocketRequestMaxBytes), "The largest request frame the broker accepts."),

        // Clients tell "no authorizer" from "no ACLs" by this: librdkafka drops DescribeAcls' SECURITY_DISABLED.
        new("authorizer.class.name", ConfigType.String, b => b.Cluster.Security?.Authorizer is null ? "" : "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "The authorizer that checks ACLs (Kafka's StandardAuthorizer semantics); empty when the cluster has no users."),
    ];

    private static string Listener(BrokerNode broker) => $"PLAINTEXT://{broker.Host}:{broker.Port}";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";

    private static string TopicDefault(string topicConfig) => TopicConfigDefinitions.All[topicConfig].Default;
}
