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

    /// <summary>Records of aborted transactions, by the ledger: not produced as far as any reader is concerned.</summary>
    public long Aborted { get; set; }

    /// <summary>Records of aborted transactions found on the target, each counted once.</summary>
    public long AbortedCopied { get; set; }
}
