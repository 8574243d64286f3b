using Harness.Engine.Load;

namespace Harness.Engine.Verification;

/// <summary>Which stream and sequence every offset of one target partition holds, as segments.</summary>
internal sealed class TargetPartitionMap
{
    private readonly List<TargetSegment> _segments = [];

    public IReadOnlyList<TargetSegment> Segments => _segments;

    public void Add(long targetOffset, LedgerKey stream, long sequence)
    {
        if (_segments.Count > 0)
        {
            var last = _segments[^1];
            if (last.EndTargetOffset == targetOffset && last.Stream == stream && last.FirstSequence + last.Count == sequence)
            {
                last.Count++;
                return;
            }
        }

        _segments.Add(new TargetSegment(targetOffset, stream, sequence));
    }
}
