using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>
/// DescribeCluster v0 (flexible): cluster id, controller, live brokers and, when asked, the principal's authorized
/// operations on the cluster, which is how admin clients (librdkafka's DescribeCluster among them) probe their rights.
/// </summary>
internal sealed class DescribeClusterHandler : IApiHandler
{
    public ApiKey Key => ApiKey.DescribeCluster;

    public short MinVersion => 0;

    public short MaxVersion => 0;

    public short FirstFlexibleVersion => 0;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var includeOperations = reader.ReadBool();
        reader.SkipTaggedFields();

        var cluster = context.Cluster;
        var brokers = context.InjectedError != ErrorCode.None ? [] : cluster.Brokers.Where(b => b.IsUp).ToList();
        writer.WriteInt32(0); // throttle_time_ms
        writer.WriteInt16(context.InjectedError);
        writer.WriteNullableString(null, true);
        writer.WriteString(cluster.ClusterId, true);
        writer.WriteInt32(cluster.ControllerId);
        writer.WriteArrayLength(brokers.Count, true);
        foreach (var broker in brokers)
        {
            writer.WriteInt32(broker.Id);
            writer.WriteString(broker.Host, true);
            writer.WriteInt32(broker.Port);
            writer.WriteNullableString(null, true);
            writer.WriteEmptyTaggedFields();
        }

        writer.WriteInt32(includeOperations ? context.ClusterAuthorizedOperations() : int.MinValue);
        writer.WriteEmptyTaggedFields();
        return ValueTask.CompletedTask;
    }
}
