namespace Harness.Engine.Verification;

/// <summary>Parity counts of one source partition against its remote partition.</summary>
public sealed record PartitionParity(string SourceTopic, string TargetTopic, int Partition)
{
    public long Produced { get; set; }

    public long Replicated { get; set; }

    public long Lost { get; set; }

    public long Duplicated { get; set; }

    public long Reordered { get; set; }

    public long Corrupted { get; set; }

    public long Misrouted { get; set; }

    public long Unexpected { get; set; }

    public long Unacknowledged { get; set; }
}
