namespace Harness.Reports.Model;

/// <summary>
/// Parity counts summed over the partitions of one topic. Derived from <see cref="PartitionParity"/> rows with
/// <see cref="Summarize"/> rather than stored, so the two views can never disagree.
/// </summary>
public sealed record TopicParity
{
    /// <summary>The topic in the source cluster.</summary>
    public required string SourceTopic { get; init; }

    /// <summary>The topic in the target cluster.</summary>
    public required string TargetTopic { get; init; }

    /// <summary>How many partition rows were summed.</summary>
    public int Partitions { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.Produced"/>.</summary>
    public long Produced { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.Replicated"/>.</summary>
    public long Replicated { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.Lost"/>.</summary>
    public long Lost { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.Duplicated"/>.</summary>
    public long Duplicated { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.Reordered"/>.</summary>
    public long Reordered { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.Corrupted"/>.</summary>
    public long Corrupted { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.Misrouted"/>.</summary>
    public long Misrouted { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.Unexpected"/>.</summary>
    public long Unexpected { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.Aborted"/>.</summary>
    public long Aborted { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.AbortedCopied"/>.</summary>
    public long AbortedCopied { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.Compacted"/>.</summary>
    public long Compacted { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.Keys"/>.</summary>
    public long Keys { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.KeysLost"/>.</summary>
    public long KeysLost { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.StaleKeys"/>.</summary>
    public long StaleKeys { get; init; }

    /// <summary>Sum of <see cref="PartitionParity.KeysReordered"/>.</summary>
    public long KeysReordered { get; init; }

    /// <summary>Sums partition rows per (source topic, target topic), in order of first appearance.</summary>
    /// <param name="partitions">The partition rows.</param>
    /// <returns>One row per topic pair.</returns>
    public static IReadOnlyList<TopicParity> Summarize(IEnumerable<PartitionParity> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        return [.. partitions
            .GroupBy(p => (p.SourceTopic, p.TargetTopic))
            .Select(g => new TopicParity
            {
                SourceTopic = g.Key.SourceTopic,
                TargetTopic = g.Key.TargetTopic,
                Partitions = g.Count(),
                Produced = g.Sum(p => p.Produced),
                Replicated = g.Sum(p => p.Replicated),
                Lost = g.Sum(p => p.Lost),
                Duplicated = g.Sum(p => p.Duplicated),
                Reordered = g.Sum(p => p.Reordered),
                Corrupted = g.Sum(p => p.Corrupted),
                Misrouted = g.Sum(p => p.Misrouted),
                Unexpected = g.Sum(p => p.Unexpected),
                Aborted = g.Sum(p => p.Aborted),
                AbortedCopied = g.Sum(p => p.AbortedCopied),
                Compacted = g.Sum(p => p.Compacted),
                Keys = g.Sum(p => p.Keys),
                KeysLost = g.Sum(p => p.KeysLost),
                StaleKeys = g.Sum(p => p.StaleKeys),
                KeysReordered = g.Sum(p => p.KeysReordered),
            })];
    }
}
