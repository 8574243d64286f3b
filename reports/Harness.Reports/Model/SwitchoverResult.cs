namespace Harness.Reports.Model;

/// <summary>
/// A switchover rehearsal of one application consumer group: a real consumer started on the target at the group's
/// translated offsets and read to the end, and every record the group had not consumed on the source was looked for.
/// </summary>
public sealed record SwitchoverResult
{
    /// <summary>The application consumer group rehearsed.</summary>
    public required string Group { get; init; }

    /// <summary>The consumer's own group id: assign-only, it never joins or commits, so the real group is untouched.</summary>
    public string ConsumerGroupId { get; init; } = "";

    /// <summary>
    /// The source of truth for the start offsets: checkpoints, or synced group offsets when the replicator syncs them
    /// and the group exists on the target; <see cref="SwitchoverStartSource.Earliest"/> when there was neither.
    /// </summary>
    public SwitchoverStartSource StartSource { get; init; }

    /// <summary>Whether every assigned partition was read to its end offset.</summary>
    public bool Complete { get; init; }

    /// <summary>Records the consumer read.</summary>
    public long RecordsRead { get; init; }

    /// <summary>Acknowledged records the group had not consumed on the source, over all its partitions.</summary>
    public long Unconsumed { get; init; }

    /// <summary>Unconsumed records never read: a switched-over consumer would skip them.</summary>
    public long Missing { get; init; }

    /// <summary>Records read that the group had already consumed on the source.</summary>
    public long ReRead { get; init; }

    /// <summary>One row per source partition of the group.</summary>
    public IReadOnlyList<SwitchoverPartition> Partitions { get; init; } = [];
}
