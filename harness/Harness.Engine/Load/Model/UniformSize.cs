namespace Harness.Engine.Load.Model;

/// <summary>Every size from <see cref="Min"/> to <see cref="Max"/> (both included) equally likely.</summary>
public sealed class UniformSize : SizeDistribution
{
    /// <summary>Creates a uniform distribution.</summary>
    /// <param name="min">The smallest size; zero or more.</param>
    /// <param name="max">The largest size; not below <paramref name="min"/>.</param>
    public UniformSize(int min, int max)
    {
        CheckSize(min, nameof(min));
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        Min = min;
        Max = max;
    }

    /// <inheritdoc/>
    public override int Min { get; }

    /// <inheritdoc/>
    public override int Max { get; }

    /// <inheritdoc/>
    public override int Sample(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return (int)random.NextInt64(Min, Max);
    }

    /// <inheritdoc/>
    public override string ToString() => $"uniform {Min}..{Max} B";
}
