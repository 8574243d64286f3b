using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>
/// DescribeLogDirs v0-4 (flexible from v2): one log dir per broker, named after the cluster and broker, holding every
/// partition the broker replicates with its stored size (what capacity tools sum). The log is shared by the replicas,
/// so no replica lags (offset lag 0) and there are no future logs; the store is in memory, so v4's total and usable
/// bytes are -1, Kafka's "unknown".
/// </summary>
internal sealed class DescribeLogDirsHandler : IApiHandler
{
    public ApiKey Key => ApiKey.DescribeLogDirs;

    public short MinVersion => 0;

    public short MaxVersion => 4;

    public short FirstFlexibleVersion => 2;

    /// <summary>The log dir path a broker reports (an absolute path, as Kafka's are).</summary>
    public static string LogDirOf(string cluster, int broker) => $"/harness/{cluster}/broker-{broker}";

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var flexible = context.Flexible;
        Dictionary<string, HashSet<int>>? requested = null;
        var topicCount = reader.ReadArrayLength(flexible);
        if (topicCount >= 0)
        {
            requested = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
            for (var t = 0; t < topicCount; t++)
            {
                var topic = reader.ReadString(flexible);
                var partitions = requested.TryGetValue(topic, out var known) ? known : requested[topic] = [];
                for (var p = reader.ReadArrayLength(flexible); p > 0; p--)
                {
                    partitions.Add(reader.ReadInt32());
                }

                if (flexible)
                {
                    reader.SkipTaggedFields();
                }
            }
        }

        if (flexible)
        {
            reader.SkipTaggedFields();
        }

        var broker = context.Broker.Id;
        var topics = context.Cluster.Topics.Values
            .Where(t => requested is null || requested.ContainsKey(t.Name))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (t.Name, Partitions: t.Partitions
                .Where(p => p.Replicas.Contains(broker) && (requested is null || requested[t.Name].Contains(p.Index)))
                .ToList()))
            .Where(t => t.Partitions.Count > 0)
            .ToList();

        writer.WriteInt32(0); // throttle time
        if (context.Version >= 3)
        {
            writer.WriteInt16(context.InjectedError);
        }

        writer.WriteArrayLength(1, flexible);
        writer.WriteInt16(context.InjectedError);
        writer.WriteString(LogDirOf(context.Cluster.Name, broker), flexible);
        var described = context.InjectedError == ErrorCode.None ? topics : [];
        writer.WriteArrayLength(described.Count, flexible);
        foreach (var (name, partitions) in described)
        {
            writer.WriteString(name, flexible);
            writer.WriteArrayLength(partitions.Count, flexible);
            foreach (var partition in partitions)
            {
                writer.WriteInt32(partition.Index);
                writer.WriteInt64(partition.Log.SizeBytes);
                writer.WriteInt64(0); // offset lag: the replicas share one log
                writer.WriteBool(false); // not a future log
                if (flexible)
                {
                    writer.WriteEmptyTaggedFields();
                }
            }

            if (flexible)
            {
                writer.WriteEmptyTaggedFields();
            }
        }

        if (context.Version >= 4)
        {
            writer.WriteInt64(-1); // total bytes: unknown for an in-memory store
            writer.WriteInt64(-1); // usable bytes
        }

        if (flexible)
        {
            writer.WriteEmptyTaggedFields(); // the result
            writer.WriteEmptyTaggedFields(); // the response
        }

        return ValueTask.CompletedTask;
    }
}
