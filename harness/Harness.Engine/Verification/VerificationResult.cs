namespace Harness.Engine.Verification;

/// <summary>What the verifier found: per-partition parity and the first examples of each anomaly.</summary>
public sealed record VerificationResult(IReadOnlyList<PartitionParity> Partitions, IReadOnlyList<AnomalyExample> Examples)
{
    public long Produced => Partitions.Sum(p => p.Produced);

    public long Replicated => Partitions.Sum(p => p.Replicated);

    public long Lost => Partitions.Sum(p => p.Lost);

    public long Duplicated => Partitions.Sum(p => p.Duplicated);

    public long Reordered => Partitions.Sum(p => p.Reordered);

    public long Corrupted => Partitions.Sum(p => p.Corrupted);

    public long Misrouted => Partitions.Sum(p => p.Misrouted);

    public long Unexpected => Partitions.Sum(p => p.Unexpected);

    /// <summary>Records of aborted transactions, by the ledger.</summary>
    public long Aborted => Partitions.Sum(p => p.Aborted);

    /// <summary>Records of aborted transactions found on the target.</summary>
    public long AbortedCopied => Partitions.Sum(p => p.AbortedCopied);
}
