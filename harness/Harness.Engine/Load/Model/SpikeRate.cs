namespace Harness.Engine.Load.Model;

/// <summary>
/// A base rate with one burst: <see cref="Peak"/> from <see cref="At"/> for <see cref="Duration"/>,
/// <see cref="Base"/> before and after (a flash sale, a retry storm).
/// </summary>
public sealed class SpikeRate : RateShape
{
    private readonly double _startSeconds;
    private readonly double _endSeconds;

    /// <summary>Creates a spike.</summary>
    /// <param name="baseRate">Records per second outside the spike.</param>
    /// <param name="peak">Records per second during the spike.</param>
    /// <param name="at">When the spike starts; zero or later.</param>
    /// <param name="duration">How long the spike lasts; positive.</param>
    public SpikeRate(double baseRate, double peak, TimeSpan at, TimeSpan duration)
    {
        Base = CheckRate(baseRate, nameof(baseRate));
        Peak = CheckRate(peak, nameof(peak));
        ArgumentOutOfRangeException.ThrowIfLessThan(at, TimeSpan.Zero);
        At = at;
        Duration = CheckPositive(duration, nameof(duration));
        _startSeconds = at.TotalSeconds;
        _endSeconds = (at + duration).TotalSeconds;
    }

    /// <summary>Records per second outside the spike.</summary>
    public double Base { get; }

    /// <summary>Records per second during the spike.</summary>
    public double Peak { get; }

    /// <summary>When the spike starts.</summary>
    public TimeSpan At { get; }

    /// <summary>How long the spike lasts.</summary>
    public TimeSpan Duration { get; }

    /// <inheritdoc/>
    public override double RateAt(TimeSpan elapsed)
    {
        var t = Seconds(elapsed);
        return t >= _startSeconds && t < _endSeconds ? Peak : Base;
    }

    /// <inheritdoc/>
    public override double CumulativeAt(TimeSpan elapsed)
    {
        var t = Seconds(elapsed);
        var inSpike = Math.Clamp(t, _startSeconds, _endSeconds) - _startSeconds;
        return (Base * t) + ((Peak - Base) * inSpike);
    }

    /// <inheritdoc/>
    public override string ToString() => $"spike {Format(Base)}/s, {Format(Peak)}/s at {Format(At)} for {Format(Duration)}";
}
