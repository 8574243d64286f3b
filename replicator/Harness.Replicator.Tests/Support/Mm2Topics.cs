using Harness.Broker.Cluster;
using Harness.Mm2.Records;

namespace Harness.Replicator.Tests.Support;

/// <summary>Reads MM2's internal topics back with the Harness.Mm2 decoders.</summary>
internal static class Mm2Topics
{
    public static List<Checkpoint> Checkpoints(EmbeddedCluster target, string topic = "source.checkpoints.internal") =>
        Exists(target, topic) ? Records.ReadAll(target, topic, 1)[0].Select(r => Checkpoint.Deserialize(r.Message.Key, r.Message.Value)).ToList() : [];

    public static List<OffsetSync> OffsetSyncs(EmbeddedCluster cluster, string topic = "mm2-offset-syncs.target.internal") =>
        Exists(cluster, topic) ? Records.ReadAll(cluster, topic, 1)[0].Select(r => OffsetSync.Deserialize(r.Message.Key, r.Message.Value)).ToList() : [];

    public static List<Heartbeat> Heartbeats(EmbeddedCluster target) =>
        Exists(target, "heartbeats") ? Records.ReadAll(target, "heartbeats", 1)[0].Select(r => Heartbeat.Deserialize(r.Message.Key, r.Message.Value)).ToList() : [];

    /// <summary>Every record of the offsets topic of the flow from <c>source</c>, in the order written (one partition).</summary>
    public static List<SourceOffset> SourceOffsets(EmbeddedCluster target, string topic = "mm2-offsets.source.internal") =>
        Exists(target, topic) ? Records.ReadAll(target, topic, 1)[0].Select(r => SourceOffset.Deserialize(r.Message.Key, r.Message.Value)).ToList() : [];

    /// <summary>The saved progress as Connect reads it: the latest offset of each source partition, tombstones removing.</summary>
    public static Dictionary<(string Topic, int Partition), long> Progress(EmbeddedCluster target, string topic = "mm2-offsets.source.internal")
    {
        var progress = new Dictionary<(string Topic, int Partition), long>();
        foreach (var record in SourceOffsets(target, topic))
        {
            if (record.Offset is { } offset)
            {
                progress[(record.Topic, record.Partition)] = offset;
            }
            else
            {
                progress.Remove((record.Topic, record.Partition));
            }
        }

        return progress;
    }

    /// <summary>The latest checkpoint of each group and partition.</summary>
    public static Dictionary<(string Group, string Topic, int Partition), Checkpoint> Latest(IEnumerable<Checkpoint> checkpoints) =>
        checkpoints.GroupBy(c => (c.Group, c.Topic, c.Partition)).ToDictionary(g => g.Key, g => g.Last());

    private static bool Exists(EmbeddedCluster cluster, string topic) => cluster.TopicNames.Contains(topic);
}
