using Harness.Engine.Load;

namespace Harness.Engine.Verification;

/// <summary>
/// A run of consecutive target offsets holding consecutive sequences of one stream: the whole mapping of a partition
/// one producer writes is one segment, so memory follows stream switches and anomalies, not records.
/// </summary>
internal readonly record struct TargetSegment(long TargetOffset, LedgerKey Stream, long FirstSequence, long Count = 1)
{
    public long EndTargetOffset => TargetOffset + Count;
}
