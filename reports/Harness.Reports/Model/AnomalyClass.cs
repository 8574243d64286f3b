namespace Harness.Reports.Model;

/// <summary>The kind of a record-level anomaly found by the verifier.</summary>
public enum AnomalyClass
{
    /// <summary>A produced record never reached the target.</summary>
    Lost,

    /// <summary>A record reached the target more than once.</summary>
    Duplicated,

    /// <summary>A record reached the target before an earlier record of the same partition.</summary>
    Reordered,

    /// <summary>A record's content differs from what was produced.</summary>
    Corrupted,

    /// <summary>A record reached the wrong target topic or partition.</summary>
    Misrouted,

    /// <summary>A record in the target that no produced record accounts for.</summary>
    Unexpected,

    /// <summary>A record of an aborted transaction reached the target (schema 1.3).</summary>
    AbortedCopied,

    /// <summary>On a compacted topic, a key whose latest record never reached the target, which has no record of it (schema 1.4).</summary>
    KeyLost,

    /// <summary>On a compacted topic, a key whose latest record on the target is not the source's latest (schema 1.4).</summary>
    StaleKey,

    /// <summary>On a compacted topic, a record that reached the target after a later record of its key (schema 1.4).</summary>
    KeyReordered,
}
