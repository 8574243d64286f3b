namespace Harness.Engine.Scenarios;

/// <summary>
/// Bounds on end-to-end replication latency (<c>expect.latency</c>), measured by the harness from each record's stamp
/// to its reading on the target, so they hold for every kind of replicator: over all topics, per topic
/// (<c>byTopic</c>) and per volume class (<c>byVolume</c>).
/// </summary>
public sealed record LatencyExpectation
{
    /// <summary>No latency bounds: latency is reported, not judged.</summary>
    public static LatencyExpectation None { get; } = new();

    /// <summary>The bounds over every record of the run.</summary>
    public LatencyBounds Overall { get; init; } = LatencyBounds.None;

    /// <summary>Bounds for one source topic's records, by topic name.</summary>
    public IReadOnlyDictionary<string, LatencyBounds> ByTopic { get; init; } = new Dictionary<string, LatencyBounds>();

    /// <summary>Bounds for the records of the topics of one <c>volume</c> class.</summary>
    public IReadOnlyDictionary<TopicVolume, LatencyBounds> ByVolume { get; init; } = new Dictionary<TopicVolume, LatencyBounds>();
}
