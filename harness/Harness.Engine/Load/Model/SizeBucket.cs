namespace Harness.Engine.Load.Model;

/// <summary>One entry of a <see cref="HistogramSize"/>: records of <see cref="Size"/> bytes with relative weight <see cref="Weight"/>.</summary>
public sealed record SizeBucket
{
    /// <summary>Creates a bucket.</summary>
    /// <param name="size">The size in bytes; zero or more.</param>
    /// <param name="weight">The relative frequency; positive.</param>
    public SizeBucket(int size, double weight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (!double.IsFinite(weight) || weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A weight must be positive.");
        }

        Size = size;
        Weight = weight;
    }

    /// <summary>The size in bytes.</summary>
    public int Size { get; }

    /// <summary>The relative frequency; weights need not add up to anything in particular.</summary>
    public double Weight { get; }
}
