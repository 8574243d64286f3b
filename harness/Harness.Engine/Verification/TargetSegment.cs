using Harness.Engine.Load;

namespace Harness.Engine.Verification;

/// <summary>
/// A run of consecutive target offsets holding consecutive sequences of one stream: the whole mapping of a
/// clean partition is one segment, so memory follows stream switches and anomalies, not records.
/// </summary>
internal sealed record TargetSegment(long TargetOffset, LedgerKey Stream, long FirstSequence)
{
    public long Count { get; set; } = 1;

    public long EndTargetOffset => TargetOffset + Count;
}
