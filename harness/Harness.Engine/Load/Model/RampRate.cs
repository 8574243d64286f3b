namespace Harness.Engine.Load.Model;

/// <summary>
/// A linear change from one rate to another over a period, then the final rate for ever (a warm-up or
/// a traffic shift). For a ramp that stops at its end, use a <see cref="PiecewiseRate"/>.
/// </summary>
public sealed class RampRate : RateShape
{
    private readonly double _overSeconds;

    /// <summary>Creates a ramp.</summary>
    /// <param name="from">Rate at the start, records per second.</param>
    /// <param name="to">Rate at the end of the ramp and afterwards.</param>
    /// <param name="over">How long the ramp takes; positive.</param>
    public RampRate(double from, double to, TimeSpan over)
    {
        From = CheckRate(from, nameof(from));
        To = CheckRate(to, nameof(to));
        Over = CheckPositive(over, nameof(over));
        _overSeconds = over.TotalSeconds;
    }

    /// <summary>Rate at the start, records per second.</summary>
    public double From { get; }

    /// <summary>Rate at the end of the ramp and afterwards, records per second.</summary>
    public double To { get; }

    /// <summary>How long the ramp takes.</summary>
    public TimeSpan Over { get; }

    /// <inheritdoc/>
    public override double RateAt(TimeSpan elapsed)
    {
        var t = Seconds(elapsed);
        return t >= _overSeconds ? To : From + ((To - From) * t / _overSeconds);
    }

    /// <inheritdoc/>
    public override double CumulativeAt(TimeSpan elapsed)
    {
        var t = Seconds(elapsed);
        if (t <= _overSeconds)
        {
            return (From * t) + ((To - From) * t * t / (2 * _overSeconds));
        }

        return ((From + To) * _overSeconds / 2) + (To * (t - _overSeconds));
    }

    /// <inheritdoc/>
    public override string ToString() => $"ramp {Format(From)}/s to {Format(To)}/s over {Format(Over)}";
}
