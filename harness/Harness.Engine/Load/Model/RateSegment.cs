namespace Harness.Engine.Load.Model;

/// <summary>One piece of a <see cref="PiecewiseRate"/>: a rate moving linearly from <see cref="From"/> to <see cref="To"/> over <see cref="Length"/>.</summary>
public sealed record RateSegment
{
    /// <summary>Creates a segment.</summary>
    /// <param name="from">Rate at the segment's start, records per second.</param>
    /// <param name="to">Rate at the segment's end, records per second.</param>
    /// <param name="length">How long the segment lasts; positive.</param>
    public RateSegment(double from, double to, TimeSpan length)
    {
        From = RateShape.CheckRate(from, nameof(from));
        To = RateShape.CheckRate(to, nameof(to));
        Length = RateShape.CheckPositive(length, nameof(length));
    }

    /// <summary>Rate at the segment's start, records per second.</summary>
    public double From { get; }

    /// <summary>Rate at the segment's end, records per second.</summary>
    public double To { get; }

    /// <summary>How long the segment lasts.</summary>
    public TimeSpan Length { get; }

    /// <summary>A flat segment: one rate for <paramref name="length"/> (a step).</summary>
    /// <param name="perSecond">Records per second.</param>
    /// <param name="length">How long the step lasts.</param>
    public static RateSegment Constant(double perSecond, TimeSpan length) => new(perSecond, perSecond, length);
}
