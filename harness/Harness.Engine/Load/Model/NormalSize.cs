namespace Harness.Engine.Load.Model;

/// <summary>
/// A normal (Gaussian) size, rounded and clamped to [<see cref="Min"/>, <see cref="Max"/>]. Clamping
/// rather than redrawing keeps one draw per record, so a record's size never depends on how many
/// retries its neighbours needed.
/// </summary>
public sealed class NormalSize : SizeDistribution
{
    /// <summary>Creates a normal distribution.</summary>
    /// <param name="mean">The mean size in bytes.</param>
    /// <param name="standardDeviation">The spread in bytes; zero or more.</param>
    /// <param name="min">The smallest size kept; zero or more.</param>
    /// <param name="max">The largest size kept; not below <paramref name="min"/>.</param>
    public NormalSize(double mean, double standardDeviation, int min, int max)
    {
        if (!double.IsFinite(mean) || !double.IsFinite(standardDeviation) || standardDeviation < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "Mean and standard deviation must be finite; the deviation zero or more.");
        }

        CheckSize(min, nameof(min));
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        Mean = mean;
        StandardDeviation = standardDeviation;
        Min = min;
        Max = max;
    }

    /// <summary>The mean before clamping, in bytes.</summary>
    public double Mean { get; }

    /// <summary>The standard deviation before clamping, in bytes.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc/>
    public override int Min { get; }

    /// <inheritdoc/>
    public override int Max { get; }

    /// <inheritdoc/>
    public override int Sample(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Clamp(Mean + (StandardDeviation * random.NextGaussian()), Min, Max);
    }

    /// <inheritdoc/>
    public override string ToString() => $"normal mean {Mean} B, stddev {StandardDeviation} B, {Min}..{Max} B";
}
