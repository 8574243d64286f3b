using Harness.Engine.Load;

namespace Harness.Engine.Verification;

/// <summary>
/// Which stream and sequence every offset of one target partition holds, as segments. Where producers share a
/// partition a segment ends at every batch, so segments are packed a few bytes each and their streams numbered.
/// </summary>
internal sealed class TargetPartitionMap
{
    private const int Offset = 0;
    private const int StreamIndex = 1;
    private const int Sequence = 2;
    private const int Length = 3;

    private readonly PackedRows _segments = new(4);
    private readonly List<LedgerKey> _streams = [];
    private LedgerKey _lastStream;

    /// <summary>The segments, in target order (decoded: for the end of a run and for tests).</summary>
    public IReadOnlyList<TargetSegment> Segments
    {
        get
        {
            var segments = new List<TargetSegment>(_segments.Count);
            _segments.ForEach(row =>
            {
                segments.Add(Segment(row));
                return true;
            });
            return segments;
        }
    }

    /// <summary>The segments held: what the map's memory grows with.</summary>
    public int SegmentCount => _segments.Count;

    public void Add(long targetOffset, LedgerKey stream, long sequence)
    {
        if (_segments.Count > 0 && stream == _lastStream)
        {
            var last = _segments.Last;
            if (last[Offset] + last[Length] == targetOffset && last[Sequence] + last[Length] == sequence)
            {
                _segments.ReplaceLast([last[Offset], last[StreamIndex], last[Sequence], last[Length] + 1]);
                return;
            }
        }

        var index = _streams.IndexOf(stream);
        if (index < 0)
        {
            index = _streams.Count;
            _streams.Add(stream);
        }

        _lastStream = stream;
        _segments.Add([targetOffset, index, sequence, 1]);
    }

    /// <summary>Visits the segments in target order until <paramref name="visit"/> returns false.</summary>
    public void Visit(Func<TargetSegment, bool> visit)
    {
        _segments.ForEach(row => visit(Segment(row)));
    }

    private TargetSegment Segment(ReadOnlySpan<long> row) => new(row[Offset], _streams[(int)row[StreamIndex]], row[Sequence], row[Length]);
}
