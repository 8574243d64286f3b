using System.Globalization;

namespace Harness.Engine.Scenarios;

/// <summary>
/// How many anomalies of one kind a run may show and still pass: a count (<c>0</c>, <c>{max: 100}</c>) or a
/// fraction of the records produced (<c>0.1%</c>, <c>{max: 0.1%}</c>).
/// </summary>
public sealed record Tolerance
{
    private Tolerance(long? maxCount, double? maxFraction)
    {
        MaxCount = maxCount;
        MaxFraction = maxFraction;
    }

    /// <summary>No anomalies allowed.</summary>
    public static Tolerance Zero { get; } = new(0, null);

    /// <summary>The most anomalies allowed, for a count tolerance.</summary>
    public long? MaxCount { get; }

    /// <summary>The largest share of produced records allowed (0.001 for 0.1%), for a fraction tolerance.</summary>
    public double? MaxFraction { get; }

    /// <summary>A count tolerance.</summary>
    /// <param name="max">Zero or more.</param>
    public static Tolerance Count(long max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return max == 0 ? Zero : new Tolerance(max, null);
    }

    /// <summary>A fraction tolerance.</summary>
    /// <param name="max">From 0 to 1.</param>
    public static Tolerance Fraction(double max)
    {
        if (!double.IsFinite(max) || max < 0 || max > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "A fraction must be between 0 and 1.");
        }

        return new Tolerance(null, max);
    }

    /// <summary>The most anomalies allowed out of <paramref name="total"/> records.</summary>
    /// <param name="total">Records produced.</param>
    public long Limit(long total) => MaxCount ?? (long)Math.Floor(MaxFraction!.Value * total);

    /// <summary>Whether <paramref name="observed"/> anomalies out of <paramref name="total"/> records pass.</summary>
    /// <param name="observed">Anomalies found.</param>
    /// <param name="total">Records produced.</param>
    public bool Allows(long observed, long total) => observed <= Limit(total);

    /// <summary>The tolerance as a scenario writes it: <c>0</c>, <c>100</c> or <c>0.1%</c>.</summary>
    public override string ToString() =>
        MaxCount is { } count
            ? count.ToString(CultureInfo.InvariantCulture)
            : (MaxFraction!.Value * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%";
}
