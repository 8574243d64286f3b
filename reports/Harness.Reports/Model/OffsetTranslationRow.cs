namespace Harness.Reports.Model;

/// <summary>How one consumer group's committed offset on one partition was translated to the target.</summary>
public sealed record OffsetTranslationRow
{
    /// <summary>The consumer group.</summary>
    public required string Group { get; init; }

    /// <summary>The source topic.</summary>
    public required string Topic { get; init; }

    /// <summary>The partition.</summary>
    public required int Partition { get; init; }

    /// <summary>The group's committed offset in the source cluster.</summary>
    public long SourceCommitted { get; init; }

    /// <summary>The translated offset in the target cluster; null when no translation was available.</summary>
    public long? Translated { get; init; }

    /// <summary>Whether the translated offset points exactly at the record after the last one the group consumed.</summary>
    public bool Exact { get; init; }

    /// <summary>
    /// Whether the translated offset is ahead of the true position: a switched-over consumer would skip records.
    /// Always a failure.
    /// </summary>
    public bool Ahead { get; init; }

    /// <summary>How many already-consumed records a switched-over consumer would receive again.</summary>
    public long Redelivery { get; init; }
}
