namespace Harness.Engine.Sizing;

/// <summary>One topic of the profile as the sizing model sees it.</summary>
public sealed record TopicShape
{
    /// <summary>The source topic.</summary>
    public required string Name { get; init; }

    /// <summary>The volume class (<c>high</c>, <c>medium</c>, <c>low</c>, or <c>other</c>).</summary>
    public required string Class { get; init; }

    /// <summary>Partitions.</summary>
    public required int Partitions { get; init; }

    /// <summary>Mean rate over the profile, records/s.</summary>
    public required double MeanRecordsPerSecond { get; init; }

    /// <summary>The highest rate the profile reaches, records/s.</summary>
    public required double PeakRecordsPerSecond { get; init; }

    /// <summary>Mean bytes per record: key, value and application headers.</summary>
    public required double MeanRecordBytes { get; init; }

    /// <summary>The topic's retention (<c>retention.ms</c>), or the sizing default.</summary>
    public required TimeSpan Retention { get; init; }

    /// <summary>Consumer groups that read the topic (at least 1: someone reads what is migrated).</summary>
    public required int ConsumerGroups { get; init; }
}
