namespace Harness.Reports.Model;

/// <summary>One source partition of a switchover rehearsal: where the consumer started on the target and what it read.</summary>
public sealed record SwitchoverPartition
{
    /// <summary>The source topic.</summary>
    public required string Topic { get; init; }

    /// <summary>The remote topic the consumer read on the target.</summary>
    public required string TargetTopic { get; init; }

    /// <summary>The partition.</summary>
    public required int Partition { get; init; }

    /// <summary>The group's committed offset in the source cluster.</summary>
    public long SourceCommitted { get; init; }

    /// <summary>Where the start offset came from.</summary>
    public SwitchoverStartSource StartSource { get; init; }

    /// <summary>The target offset the consumer started at.</summary>
    public long StartOffset { get; init; }

    /// <summary>The target end offset the consumer read up to.</summary>
    public long EndOffset { get; init; }

    /// <summary>Acknowledged records the group had not consumed on the source.</summary>
    public long Unconsumed { get; init; }

    /// <summary>Unconsumed records the switched-over consumer never read: it would skip them. Must be 0.</summary>
    public long Missing { get; init; }

    /// <summary>Records it read that the group had already consumed on the source (re-delivery).</summary>
    public long ReRead { get; init; }
}
