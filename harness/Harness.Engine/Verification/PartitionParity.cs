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

    /// <summary>
    /// On a compacted topic, acknowledged records absent from the target because a later record of their key superseded
    /// them (compaction on either side removes them): not lost.
    /// </summary>
    public long Compacted { get; set; }

    /// <summary>On a compacted topic, the keys whose latest record was checked.</summary>
    public long Keys { get; set; }

    /// <summary>On a compacted topic, keys holding a value on the source with no record on the target.</summary>
    public long KeysLost { get; set; }

    /// <summary>On a compacted topic, keys whose latest record on the target is not the source's latest.</summary>
    public long StaleKeys { get; set; }

    /// <summary>On a compacted topic, records that arrived on the target after a later record of their key.</summary>
    public long KeysReordered { get; set; }
}
