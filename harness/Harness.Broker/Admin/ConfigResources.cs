using System.Globalization;
using Harness.Broker.Cluster;
using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Admin;

/// <summary>Resolves the resource of a config request (topic or broker) to the state it names, or to Kafka's error.</summary>
internal static class ConfigResources
{
    public static AdminError FindTopic(ClusterState cluster, string name, out TopicState? topic)
    {
        topic = null;
        var nameError = TopicNames.Validate(name);
        if (nameError is not null)
        {
            return new AdminError(ErrorCode.InvalidTopicException, nameError);
        }

        return cluster.Topics.TryGetValue(name, out topic)
            ? AdminError.None
            : new AdminError(ErrorCode.UnknownTopicOrPartition, $"The topic '{name}' does not exist.");
    }

    /// <summary>
    /// Like Kafka, a broker answers for itself only (clients send a broker resource to that broker); the empty
    /// name stands for the cluster-wide dynamic defaults, of which this cluster has none.
    /// </summary>
    public static AdminError CheckBroker(RequestContext context, string name, out bool clusterDefault)
    {
        clusterDefault = name.Length == 0;
        if (clusterDefault)
        {
            return AdminError.None;
        }

        if (!int.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            return new AdminError(ErrorCode.InvalidRequest, $"Broker id must be an integer, but it is: {name}");
        }

        return id == context.Broker.Id
            ? AdminError.None
            : new AdminError(ErrorCode.InvalidRequest, $"Unexpected broker id, expected {context.Broker.Id} or empty string, but received {name}");
    }

    /// <summary>
    /// Kafka's check before a config request touches a resource: <paramref name="operation"/> (DESCRIBE_CONFIGS or
    /// ALTER_CONFIGS) on the topic, or on the cluster for a broker, asked before whether the resource exists.
    /// </summary>
    public static AdminError Authorize(RequestContext context, sbyte type, string name, AclOperation operation) => (ConfigResourceType)type switch
    {
        ConfigResourceType.Topic when !context.IsAllowed(operation, AclResourceType.Topic, name) =>
            new AdminError(ErrorCode.TopicAuthorizationFailed, "Topic authorization failed."),
        ConfigResourceType.Broker when !context.IsAllowed(operation, AclResourceType.Cluster, Authorizer.ClusterName) =>
            new AdminError(ErrorCode.ClusterAuthorizationFailed, "Cluster authorization failed."),
        _ => AdminError.None,
    };

    public static AdminError Unsupported(sbyte type) =>
        new(ErrorCode.InvalidRequest, $"Unsupported resource type {type}: only topics (2) and brokers (4) have configs here");
}
