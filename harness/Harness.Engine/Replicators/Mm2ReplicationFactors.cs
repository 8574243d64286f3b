using Harness.Engine.Scenarios;

namespace Harness.Engine.Replicators;

/// <summary>
/// The replication factors of the topics MirrorMaker 2 3.x creates, its defaults capped by the broker counts of the
/// clusters each topic lives on. A cluster whose size the harness does not know (external) leaves MM2's default.
/// </summary>
public static class Mm2ReplicationFactors
{
    private enum Where
    {
        Target,
        Both,
        OffsetSyncs,
    }

    // MM2's defaults: MirrorSourceConfig (replication.factor 2, offset-syncs 3), MirrorCheckpointConfig and
    // MirrorHeartbeatConfig (3), Connect's DistributedConfig for the worker's storage topics (3). Heartbeats and the
    // storage topics exist on both clusters: with heartbeats on (the default) dedicated mode also runs a herder for
    // the reverse pair, which emits heartbeats into the source and keeps its own storage topics there.
    private static readonly (string Key, int Default, Where Where)[] Topics =
    [
        ("replication.factor", 2, Where.Target),
        ("checkpoints.topic.replication.factor", 3, Where.Target),
        ("heartbeats.topic.replication.factor", 3, Where.Both),
        ("offset-syncs.topic.replication.factor", 3, Where.OffsetSyncs),
        ("offset.storage.replication.factor", 3, Where.Both),
        ("status.storage.replication.factor", 3, Where.Both),
        ("config.storage.replication.factor", 3, Where.Both),
    ];

    /// <summary>Each factor MirrorMaker 2 would get for <paramref name="scenario"/>, by property name.</summary>
    public static IReadOnlyDictionary<string, int> For(Scenario scenario)
    {
        var source = scenario.Clusters.Source.Capabilities.Brokers;
        var target = scenario.Clusters.Target.Capabilities.Brokers;
        var syncsOnTarget = scenario.Replicator.Properties.TryGetValue("offset-syncs.topic.location", out var location)
            && location.Trim().Equals("target", StringComparison.OrdinalIgnoreCase);
        var factors = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, fallback, where) in Topics)
        {
            int?[] brokers = where switch
            {
                Where.Target => [target],
                Where.OffsetSyncs => [syncsOnTarget ? target : source],
                _ => [source, target],
            };
            if (brokers.All(b => b is not null))
            {
                factors[key] = Math.Min(fallback, brokers.Min(b => b!.Value));
            }
        }

        return factors;
    }
}
