namespace Harness.Engine.Load.Model;

/// <summary>
/// Skewed keys: the key of rank <c>k</c> (index <c>k - 1</c>) has probability proportional to
/// <c>1 / k^s</c>, so a few hot keys dominate, as customer or device ids do.
/// </summary>
/// <remarks>
/// Sampled by Hörmann and Derflinger's rejection-inversion method, which needs no table, so a key space
/// of a billion costs the same as one of ten.
/// </remarks>
public sealed class ZipfKeys : KeyDistribution
{
    private readonly long _count;
    private readonly double _hIntegralX1;
    private readonly double _hIntegralCount;
    private readonly double _squeeze;

    /// <summary>Creates a Zipf key distribution.</summary>
    /// <param name="count">How many distinct keys; positive.</param>
    /// <param name="exponent">The skew <c>s</c>; positive (1 is classic Zipf, larger is more skewed).</param>
    public ZipfKeys(long count, double exponent)
    {
        _count = CheckCount(count, nameof(count));
        if (!double.IsFinite(exponent) || exponent <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "The Zipf exponent must be positive.");
        }

        Exponent = exponent;
        _hIntegralX1 = HIntegral(1.5) - 1.0;
        _hIntegralCount = HIntegral(count + 0.5);
        _squeeze = 2.0 - HIntegralInverse(HIntegral(2.5) - H(2));
    }

    /// <summary>The skew exponent <c>s</c>.</summary>
    public double Exponent { get; }

    /// <inheritdoc/>
    public override long? Count => _count;

    /// <inheritdoc/>
    public override long? NextIndex(long ordinal, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        while (true)
        {
            var u = _hIntegralCount + (random.NextDouble() * (_hIntegralX1 - _hIntegralCount));
            var x = HIntegralInverse(u);
            var k = (long)Math.Clamp(Math.Floor(x + 0.5), 1, _count);

            // Most draws are accepted by the cheap squeeze test; the rest by the exact comparison.
            if (k - x <= _squeeze || u >= HIntegral(k + 0.5) - H(k))
            {
                return k - 1;
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"zipf over {_count} keys, s = {Exponent}";

    // h(x) = x^-s, the unnormalised density.
    private double H(double x) => Math.Exp(-Exponent * Math.Log(x));

    // H(x), an antiderivative of h written so that s = 1 needs no special case.
    private double HIntegral(double x)
    {
        var logX = Math.Log(x);
        return ExpM1OverX((1.0 - Exponent) * logX) * logX;
    }

    private double HIntegralInverse(double x)
    {
        var t = Math.Max(x * (1.0 - Exponent), -1.0);
        return Math.Exp(Log1POverX(t) * x);
    }

    // log(1 + x) / x, accurate near zero where the plain formula cancels.
    private static double Log1POverX(double x)
    {
        if (Math.Abs(x) > 1e-8)
        {
            var onePlusX = 1.0 + x;
            var log = onePlusX == 1.0 ? x : Math.Log(onePlusX) * x / (onePlusX - 1.0);
            return log / x;
        }

        return 1.0 - (x * (0.5 - (x * ((1.0 / 3.0) - (0.25 * x)))));
    }

    // (e^x - 1) / x, accurate near zero where the plain formula cancels.
    private static double ExpM1OverX(double x)
    {
        if (Math.Abs(x) > 1e-8)
        {
            var u = Math.Exp(x);
            var expM1 = u == 1.0 ? x : u - 1.0 == -1.0 ? -1.0 : (u - 1.0) * x / Math.Log(u);
            return expM1 / x;
        }

        return 1.0 + (x * 0.5 * (1.0 + (x / 3.0 * (1.0 + (0.25 * x)))));
    }
}
