namespace Harness.Engine.Verification;

/// <summary>
/// What <see cref="RecordClassifier"/> found wrong with one record read on the target, finer than its
/// <see cref="AnomalyClass"/>: the reason an anomaly example gives.
/// </summary>
internal enum RecordFault
{
    /// <summary>Stamp, routing and content check out; the stream may still call it a duplicate or a reorder.</summary>
    None,

    /// <summary>The record carries no stamp at all.</summary>
    NoStamp,

    /// <summary>A sound stamp of another run.</summary>
    OtherRun,

    /// <summary>A sound stamp of this run naming a topic index or partition this run does not have.</summary>
    NoSourcePartition,

    /// <summary>Stamp bytes too damaged to say whose record it is.</summary>
    Unattributable,

    /// <summary>A stamp for another target topic or partition than the one the record was read from.</summary>
    Misrouted,

    /// <summary>The stamp's fields name a stream of this run but its checksum fails.</summary>
    StampChanged,

    /// <summary>Key or value hash to something else than the stamp's content hash.</summary>
    ContentChanged,

    /// <summary>The record's timestamp is not the produce time in its stamp.</summary>
    TimestampChanged,
}
