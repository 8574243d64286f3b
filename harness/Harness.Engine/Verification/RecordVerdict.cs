using Harness.Engine.Load;

namespace Harness.Engine.Verification;

/// <summary>
/// <see cref="RecordClassifier"/>'s judgement of one record: a struct, so a clean record's verdict costs no allocation.
/// </summary>
/// <param name="anomaly">The anomaly the record shows, null for a clean first copy.</param>
/// <param name="fault">Why, when the record itself is wrong; <see cref="RecordFault.None"/> for duplicates and reorders.</param>
/// <param name="stamp">The decoded stamp; default when there was none or it could not be decoded.</param>
/// <param name="stream">The stream the stamp names, when the record could be attributed to one.</param>
/// <param name="timestampMs">The record's timestamp as read, kept for the detail of a changed timestamp.</param>
internal readonly struct RecordVerdict(AnomalyClass? anomaly, RecordFault fault, RecordStamp stamp, StreamTracker? stream, long timestampMs)
{
    public AnomalyClass? Anomaly { get; } = anomaly;

    public RecordFault Fault { get; } = fault;

    public RecordStamp Stamp { get; } = stamp;

    public StreamTracker? Stream { get; } = stream;

    public long TimestampMs { get; } = timestampMs;
}
