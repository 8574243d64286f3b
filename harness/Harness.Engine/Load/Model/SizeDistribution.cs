namespace Harness.Engine.Load.Model;

/// <summary>
/// Record value sizes in bytes. Every sample lies in [<see cref="Min"/>, <see cref="Max"/>]; the closed set
/// is <see cref="FixedSize"/>, <see cref="UniformSize"/>, <see cref="NormalSize"/>,
/// <see cref="LogNormalSize"/> and <see cref="HistogramSize"/>.
/// </summary>
public abstract class SizeDistribution
{
    private protected SizeDistribution()
    {
    }

    /// <summary>The smallest size a sample can take.</summary>
    public abstract int Min { get; }

    /// <summary>The largest size a sample can take.</summary>
    public abstract int Max { get; }

    /// <summary>A short human-readable description, for logs and reports.</summary>
    public abstract override string ToString();

    /// <summary>Draws one size.</summary>
    /// <param name="random">The generator to draw from.</param>
    public abstract int Sample(DeterministicRandom random);

    /// <summary>Checks a size argument: zero or more.</summary>
    internal static int CheckSize(int size, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size, name);
        return size;
    }

    /// <summary>Rounds a continuous draw into the bounds.</summary>
    internal static int Clamp(double value, int min, int max) =>
        double.IsNaN(value) ? min : (int)Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), min, max);
}
