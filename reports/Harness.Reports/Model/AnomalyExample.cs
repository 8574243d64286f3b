namespace Harness.Reports.Model;

/// <summary>One example record of an anomaly class, kept so people can look the record up.</summary>
public sealed record AnomalyExample
{
    /// <summary>The anomaly class.</summary>
    public required AnomalyClass Class { get; init; }

    /// <summary>The source topic (or the target topic for <see cref="AnomalyClass.Unexpected"/> records).</summary>
    public required string Topic { get; init; }

    /// <summary>The partition.</summary>
    public required int Partition { get; init; }

    /// <summary>The record's per-partition sequence number from its stamp; null when it had no readable stamp.</summary>
    public long? Sequence { get; init; }

    /// <summary>The record's offset in the source partition; null when unknown.</summary>
    public long? SourceOffset { get; init; }

    /// <summary>The record's offset in the target partition; null when it is not there (lost).</summary>
    public long? TargetOffset { get; init; }

    /// <summary>What exactly is wrong, for people.</summary>
    public string Detail { get; init; } = "";
}
