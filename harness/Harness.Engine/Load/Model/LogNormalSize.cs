namespace Harness.Engine.Load.Model;

/// <summary>
/// A log-normal size, the usual shape of real payloads: most records small, a long tail of large ones.
/// <c>ln(size)</c> is normal with mean <see cref="Mu"/> and deviation <see cref="Sigma"/>; the median is
/// <c>e^mu</c>. Samples are rounded and clamped to [<see cref="Min"/>, <see cref="Max"/>].
/// </summary>
public sealed class LogNormalSize : SizeDistribution
{
    /// <summary>Creates a log-normal distribution.</summary>
    /// <param name="mu">Mean of <c>ln(size)</c>.</param>
    /// <param name="sigma">Deviation of <c>ln(size)</c>; positive.</param>
    /// <param name="min">The smallest size kept; zero or more.</param>
    /// <param name="max">The largest size kept; not below <paramref name="min"/>.</param>
    public LogNormalSize(double mu, double sigma, int min, int max)
    {
        if (!double.IsFinite(mu) || !double.IsFinite(sigma) || sigma <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "Mu must be finite and sigma positive.");
        }

        CheckSize(min, nameof(min));
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        Mu = mu;
        Sigma = sigma;
        Min = min;
        Max = max;
    }

    /// <summary>Mean of <c>ln(size)</c>.</summary>
    public double Mu { get; }

    /// <summary>Deviation of <c>ln(size)</c>.</summary>
    public double Sigma { get; }

    /// <summary>The median size before clamping, <c>e^mu</c>, in bytes.</summary>
    public double Median => Math.Exp(Mu);

    /// <inheritdoc/>
    public override int Min { get; }

    /// <inheritdoc/>
    public override int Max { get; }

    /// <summary>Creates a log-normal distribution from its median, which is easier to pick than <c>mu</c>.</summary>
    /// <param name="median">The median size in bytes; positive.</param>
    /// <param name="sigma">Deviation of <c>ln(size)</c>; positive.</param>
    /// <param name="min">The smallest size kept.</param>
    /// <param name="max">The largest size kept.</param>
    public static LogNormalSize FromMedian(double median, double sigma, int min, int max)
    {
        if (!double.IsFinite(median) || median <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(median), median, "The median must be positive.");
        }

        return new LogNormalSize(Math.Log(median), sigma, min, max);
    }

    /// <inheritdoc/>
    public override int Sample(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Clamp(Math.Exp(Mu + (Sigma * random.NextGaussian())), Min, Max);
    }

    /// <inheritdoc/>
    public override string ToString() => $"lognormal median {Median:0.#} B, sigma {Sigma}, {Min}..{Max} B";
}
