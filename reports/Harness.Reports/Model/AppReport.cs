namespace Harness.Reports.Model;

/// <summary>One live application of a cut-over rehearsal (schema: <c>apps[]</c>): what it produced, read, missed and saw out of order.</summary>
public sealed record AppReport
{
    /// <summary>The app's name in the scenario.</summary>
    public required string Name { get; init; }

    /// <summary>The app's consumer group; null for an app that only produces.</summary>
    public string? Group { get; init; }

    /// <summary>Where the app's consumers ended: <c>source</c>, <c>target</c>, or null without consumers.</summary>
    public string? ConsumersOn { get; init; }

    /// <summary>Where the app's producers ended: <c>source</c>, <c>target</c>, or null without producers.</summary>
    public string? ProducersOn { get; init; }

    /// <summary>Records the app's producers had acknowledged (source and target).</summary>
    public long Produced { get; init; }

    /// <summary>Of <see cref="Produced"/>, records the target acknowledged after the producers moved.</summary>
    public long ProducedOnTarget { get; init; }

    /// <summary>Records the app's producers gave up on.</summary>
    public long ProduceFailed { get; init; }

    /// <summary>App records the consumers read, re-reads included.</summary>
    public long Consumed { get; init; }

    /// <summary>Of <see cref="Consumed"/>, records read on the target.</summary>
    public long ConsumedOnTarget { get; init; }

    /// <summary>Acknowledged records (of every producing app, on the topics this app reads) never read: a defect.</summary>
    public long Missing { get; init; }

    /// <summary>Records read more than once.</summary>
    public long ReRead { get; init; }

    /// <summary>Of <see cref="ReRead"/>, records read on the source and again on the target: duplicates across the move.</summary>
    public long DuplicatesAcrossMove { get; init; }

    /// <summary>Records read after a newer record of the same key.</summary>
    public long Reordered { get; init; }

    /// <summary>Distinct keys with at least one record read out of order.</summary>
    public long KeysReordered { get; init; }

    /// <summary>Longest produce-to-read time seen, in milliseconds: the spike around the moves.</summary>
    public long MaxLatencyMs { get; init; }

    /// <summary>How long the producers stood paused for a drain move, in seconds; 0 for a hot move.</summary>
    public double PauseSeconds { get; init; }

    /// <summary>
    /// Committed offsets of the app's group on the target changed by someone other than the app while it was live there
    /// (a replicator's group offset sync during a restart's empty moment); null when its consumers never moved.
    /// </summary>
    public int? OffsetsMovedUnderGroup { get; init; }

    /// <summary>
    /// Offsets between the latest translations of the partitions the group had caught up on when it left the source
    /// and its position on the target (what the moved consumers read again); null when not measured (no translated or
    /// synced move, or no caught-up partition).
    /// </summary>
    public long? TranslatedBehindEnd { get; init; }

    /// <summary>Examples of reordered keys and missing records.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];
}
