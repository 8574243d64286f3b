namespace Harness.Engine.Load.Model;

/// <summary>
/// How many records per second an open-model producer should send at each moment of a run. Rates never
/// go negative. <see cref="CumulativeAt"/> is the exact integral, so a producer that sends
/// <see cref="ExpectedCount"/> records per tick follows the shape without accumulating error.
/// </summary>
/// <remarks>
/// The closed set of shapes: <see cref="ConstantRate"/>, <see cref="RampRate"/>,
/// <see cref="PiecewiseRate"/> (steps and NBomber-style phases), <see cref="SpikeRate"/>,
/// <see cref="SineRate"/> and <see cref="ReplayRate"/>.
/// </remarks>
public abstract class RateShape
{
    private protected RateShape()
    {
    }

    /// <summary>
    /// How long the shape lasts on its own (the sum of its steps or phases, or the length of a replayed
    /// series), or <see langword="null"/> when it goes on for ever and a record count or duration must
    /// end the load.
    /// </summary>
    public virtual TimeSpan? NaturalDuration => null;

    /// <summary>A short human-readable description, for logs and reports.</summary>
    public abstract override string ToString();

    /// <summary>The instantaneous rate in records per second at <paramref name="elapsed"/>.</summary>
    /// <param name="elapsed">Time since the load started; negative values count as zero.</param>
    public abstract double RateAt(TimeSpan elapsed);

    /// <summary>The integral of the rate from the start to <paramref name="elapsed"/>, in records.</summary>
    /// <param name="elapsed">Time since the load started; negative values count as zero.</param>
    public abstract double CumulativeAt(TimeSpan elapsed);

    /// <summary>
    /// Whole records that fall due after <paramref name="from"/> and up to <paramref name="to"/>. Counts of
    /// adjacent windows add up exactly to the count of their union, so rounding never drifts.
    /// </summary>
    /// <param name="from">Window start.</param>
    /// <param name="to">Window end; an empty or reversed window holds no records.</param>
    public long ExpectedCount(TimeSpan from, TimeSpan to) =>
        to <= from ? 0 : FloorCount(CumulativeAt(to)) - FloorCount(CumulativeAt(from));

    /// <summary>
    /// Rounds a cumulative count down to whole records, forgiving the last bits of floating-point error so
    /// that an integral which is mathematically 1000 does not come out as 999.
    /// </summary>
    internal static long FloorCount(double cumulative) =>
        (long)Math.Floor(cumulative + 1e-9 + (Math.Abs(cumulative) * 1e-12));

    /// <summary>Seconds since the start, treating times before it as the start itself.</summary>
    internal static double Seconds(TimeSpan elapsed) => elapsed <= TimeSpan.Zero ? 0.0 : elapsed.TotalSeconds;

    /// <summary>Checks a rate argument: finite and not negative.</summary>
    internal static double CheckRate(double rate, string name)
    {
        if (!double.IsFinite(rate) || rate < 0)
        {
            throw new ArgumentOutOfRangeException(name, rate, "A rate must be a finite number of records per second, zero or more.");
        }

        return rate;
    }

    /// <summary>Checks a length argument: strictly positive.</summary>
    internal static TimeSpan CheckPositive(TimeSpan length, string name)
    {
        if (length <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, length, "A length of time must be positive.");
        }

        return length;
    }

    /// <summary>Formats a rate for <see cref="object.ToString"/>.</summary>
    internal static string Format(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Formats a length of time for <see cref="object.ToString"/>.</summary>
    internal static string Format(TimeSpan value) => Format(value.TotalSeconds) + "s";
}
