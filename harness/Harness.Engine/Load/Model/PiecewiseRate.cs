namespace Harness.Engine.Load.Model;

/// <summary>
/// A sequence of linear segments: steps (flat segments) or NBomber-style phases. Its natural duration is
/// the sum of the segments; if a record count keeps the load going longer, the last segment's final rate
/// holds.
/// </summary>
public sealed class PiecewiseRate : RateShape
{
    private readonly RateSegment[] _segments;
    private readonly double[] _startSeconds;
    private readonly double[] _startCumulative;
    private readonly double _endSeconds;
    private readonly double _endCumulative;

    /// <summary>Creates a piecewise rate.</summary>
    /// <param name="segments">At least one segment, in order.</param>
    public PiecewiseRate(IEnumerable<RateSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        _segments = [.. segments];
        if (_segments.Length == 0)
        {
            throw new ArgumentException("A piecewise rate needs at least one segment.", nameof(segments));
        }

        _startSeconds = new double[_segments.Length];
        _startCumulative = new double[_segments.Length];
        double seconds = 0;
        double cumulative = 0;
        var length = TimeSpan.Zero;
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            _startSeconds[i] = seconds;
            _startCumulative[i] = cumulative;
            seconds += segment.Length.TotalSeconds;
            cumulative += (segment.From + segment.To) * segment.Length.TotalSeconds / 2;
            length += segment.Length;
        }

        _endSeconds = seconds;
        _endCumulative = cumulative;
        Length = length;
    }

    /// <summary>The segments, in order.</summary>
    public IReadOnlyList<RateSegment> Segments => _segments;

    /// <summary>The total length of all segments.</summary>
    public TimeSpan Length { get; }

    /// <summary>The rate that holds after the last segment.</summary>
    public double FinalRate => _segments[^1].To;

    /// <inheritdoc/>
    public override TimeSpan? NaturalDuration => Length;

    /// <inheritdoc/>
    public override double RateAt(TimeSpan elapsed)
    {
        var t = Seconds(elapsed);
        if (t >= _endSeconds)
        {
            return FinalRate;
        }

        var i = SegmentAt(t);
        var segment = _segments[i];
        var into = t - _startSeconds[i];
        return segment.From + ((segment.To - segment.From) * into / segment.Length.TotalSeconds);
    }

    /// <inheritdoc/>
    public override double CumulativeAt(TimeSpan elapsed)
    {
        var t = Seconds(elapsed);
        if (t >= _endSeconds)
        {
            return _endCumulative + (FinalRate * (t - _endSeconds));
        }

        var i = SegmentAt(t);
        var segment = _segments[i];
        var into = t - _startSeconds[i];
        var slope = (segment.To - segment.From) / segment.Length.TotalSeconds;
        return _startCumulative[i] + (segment.From * into) + (slope * into * into / 2);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        "piecewise " + string.Join(", ", _segments.Select(s => s.From == s.To
            ? $"{Format(s.From)}/s for {Format(s.Length)}"
            : $"{Format(s.From)}/s to {Format(s.To)}/s over {Format(s.Length)}"));

    private int SegmentAt(double seconds)
    {
        var i = Array.BinarySearch(_startSeconds, seconds);
        return i >= 0 ? i : ~i - 1;
    }
}
