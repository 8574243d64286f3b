namespace Harness.Engine.Verification;

/// <summary>How a record can be wrong on the target.</summary>
public enum AnomalyClass
{
    /// <summary>Acknowledged by the source, never seen on the target.</summary>
    Lost,

    /// <summary>Seen on the target more than once.</summary>
    Duplicated,

    /// <summary>First delivered after a later sequence of its stream.</summary>
    Reordered,

    /// <summary>Key, value, headers or timestamp differ from what was produced.</summary>
    Corrupted,

    /// <summary>Arrived in the wrong target topic or partition.</summary>
    Misrouted,

    /// <summary>On the target with no ledger entry (no stamp, another run's stamp, or an unknown sequence).</summary>
    Unexpected,

    /// <summary>
    /// A record of a transaction its producer aborted, on the target: a <c>read_committed</c> reader of the source never
    /// sees it, so a replicator that copies it invents data.
    /// </summary>
    AbortedCopied,

    /// <summary>
    /// On a compacted topic: a key the source holds a value for has no record at all on the target, because its latest
    /// record never arrived (records superseded by a later one of their key are compacted, not lost).
    /// </summary>
    KeyLost,

    /// <summary>
    /// On a compacted topic: the target's latest record of a key is not the source's latest (an older value, or a value
    /// where the source deleted the key with a tombstone), so a reader of the target sees a state the source left.
    /// </summary>
    StaleKey,

    /// <summary>On a compacted topic: a record of a key arrived on the target after a later record of the same key.</summary>
    KeyReordered,
}
