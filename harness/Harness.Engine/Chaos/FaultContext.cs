using Harness.Engine.Clusters;
using Harness.Engine.Replicators;
using Harness.Engine.Runs;

namespace Harness.Engine.Chaos;

/// <summary>What faults act on: both clusters, the replicator, the topics, a seeded random source and the run clock.</summary>
internal sealed record FaultContext(
    IKafkaCluster Source,
    IKafkaCluster Target,
    IReplicator Replicator,
    IReadOnlyList<(string Source, string Target, int Partitions)> Topics,
    Random Random,
    RunClock Clock,
    IRunProgress Progress)
{
    /// <summary>The live apps, for the faults that act on them (stragglers, rolling restarts).</summary>
    public Apps.AppHost? Apps { get; init; }

    /// <summary>The cut-over timeline, for faults anchored to its steps; null without one.</summary>
    public ICutoverProgress? Cutover { get; init; }

    public IKafkaCluster Cluster(string side) => side == "target" ? Target : Source;

    /// <summary>Maps a source topic name to the name it has on <paramref name="side"/>.</summary>
    public string TopicOn(string side, string sourceTopic) =>
        side == "target" ? Topics.FirstOrDefault(t => t.Source == sourceTopic).Target ?? sourceTopic : sourceTopic;
}
