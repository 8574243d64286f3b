namespace Harness.Replicator.Configuration;

/// <summary>Which cluster holds the offset-syncs topic (MM2 <c>offset-syncs.topic.location</c>).</summary>
public enum OffsetSyncsTopicLocation
{
    /// <summary>The source cluster, MM2's default.</summary>
    Source,

    /// <summary>The target cluster, for sources the replicator may not write to.</summary>
    Target,
}
