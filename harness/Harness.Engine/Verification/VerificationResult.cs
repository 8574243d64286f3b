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

    /// <summary>Records of compacted topics superseded by a later record of their key and absent from the target.</summary>
    public long Compacted => Partitions.Sum(p => p.Compacted);

    /// <summary>Keys of compacted topics checked.</summary>
    public long Keys => Partitions.Sum(p => p.Keys);

    /// <summary>Keys of compacted topics with a value on the source and no record on the target.</summary>
    public long KeysLost => Partitions.Sum(p => p.KeysLost);

    /// <summary>Keys of compacted topics whose latest record on the target is not the source's latest.</summary>
    public long StaleKeys => Partitions.Sum(p => p.StaleKeys);

    /// <summary>Records of compacted topics that arrived after a later record of their key.</summary>
    public long KeysReordered => Partitions.Sum(p => p.KeysReordered);
}
