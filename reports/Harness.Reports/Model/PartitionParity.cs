namespace Harness.Reports.Model;

/// <summary>Counts comparing one source partition with its replica in the target cluster.</summary>
public sealed record PartitionParity
{
    /// <summary>The topic in the source cluster.</summary>
    public required string SourceTopic { get; init; }

    /// <summary>The topic the replicator writes to in the target cluster (for example "source.orders").</summary>
    public required string TargetTopic { get; init; }

    /// <summary>The partition number, the same on both sides.</summary>
    public required int Partition { get; init; }

    /// <summary>Records acknowledged by the source cluster (the ledger).</summary>
    public long Produced { get; init; }

    /// <summary>Distinct ledger records found in the target partition.</summary>
    public long Replicated { get; init; }

    /// <summary>Ledger records never found in the target.</summary>
    public long Lost { get; init; }

    /// <summary>Extra copies of records already seen in the target.</summary>
    public long Duplicated { get; init; }

    /// <summary>Records found in the target before a record with a lower sequence number.</summary>
    public long Reordered { get; init; }

    /// <summary>Records whose key, value, headers or timestamp differ from what was produced.</summary>
    public long Corrupted { get; init; }

    /// <summary>Records of this source partition found in another target topic or partition.</summary>
    public long Misrouted { get; init; }

    /// <summary>Records in the target partition that no ledger entry accounts for.</summary>
    public long Unexpected { get; init; }

    /// <summary>
    /// Records of transactions their producer aborted (schema 1.3): never part of <see cref="Produced"/>, because no
    /// read_committed reader sees them.
    /// </summary>
    public long Aborted { get; init; }

    /// <summary>Records of aborted transactions found in the target, each counted once (schema 1.3).</summary>
    public long AbortedCopied { get; init; }

    /// <summary>
    /// On a compacted topic, records absent from the target because a later record of their key superseded them:
    /// compaction removes them, so they are not lost (schema 1.4).
    /// </summary>
    public long Compacted { get; init; }

    /// <summary>On a compacted topic, the keys whose latest record was checked (schema 1.4).</summary>
    public long Keys { get; init; }

    /// <summary>On a compacted topic, keys with a value on the source and no record on the target (schema 1.4).</summary>
    public long KeysLost { get; init; }

    /// <summary>On a compacted topic, keys whose latest record on the target is not the source's latest (schema 1.4).</summary>
    public long StaleKeys { get; init; }

    /// <summary>On a compacted topic, records that reached the target after a later record of their key (schema 1.4).</summary>
    public long KeysReordered { get; init; }
}
