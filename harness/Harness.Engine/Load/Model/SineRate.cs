namespace Harness.Engine.Load.Model;

/// <summary>
/// A diurnal-style wave: <c>mean + amplitude * sin(2 pi t / period)</c>, starting at the mean and rising.
/// The amplitude may not exceed the mean, so the rate never needs clipping and the integral stays exact.
/// </summary>
public sealed class SineRate : RateShape
{
    private readonly double _periodSeconds;

    /// <summary>Creates a sine wave.</summary>
    /// <param name="mean">Average records per second; positive.</param>
    /// <param name="amplitude">Swing above and below the mean; from zero to <paramref name="mean"/>.</param>
    /// <param name="period">Length of one full wave; positive.</param>
    public SineRate(double mean, double amplitude, TimeSpan period)
    {
        Mean = CheckRate(mean, nameof(mean));
        Amplitude = CheckRate(amplitude, nameof(amplitude));
        if (amplitude > mean)
        {
            throw new ArgumentOutOfRangeException(nameof(amplitude), amplitude, "The amplitude may not exceed the mean, or the rate would go negative.");
        }

        Period = CheckPositive(period, nameof(period));
        _periodSeconds = period.TotalSeconds;
    }

    /// <summary>Average records per second.</summary>
    public double Mean { get; }

    /// <summary>Swing above and below the mean, records per second.</summary>
    public double Amplitude { get; }

    /// <summary>Length of one full wave.</summary>
    public TimeSpan Period { get; }

    /// <inheritdoc/>
    public override double RateAt(TimeSpan elapsed) =>
        Mean + (Amplitude * Math.Sin(2 * Math.PI * Seconds(elapsed) / _periodSeconds));

    /// <inheritdoc/>
    public override double CumulativeAt(TimeSpan elapsed)
    {
        var t = Seconds(elapsed);
        var omega = 2 * Math.PI / _periodSeconds;
        return (Mean * t) + (Amplitude / omega * (1 - Math.Cos(omega * t)));
    }

    /// <inheritdoc/>
    public override string ToString() => $"sine {Format(Mean)}/s ± {Format(Amplitude)}/s, period {Format(Period)}";
}
