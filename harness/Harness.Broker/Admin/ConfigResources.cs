using System.Globalization;
using Harness.Broker.Cluster;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

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

    public static AdminError Unsupported(sbyte type) =>
        new(ErrorCode.InvalidRequest, $"Unsupported resource type {type}: only topics (2) and brokers (4) have configs here");
}
