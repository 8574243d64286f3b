namespace Harness.Engine.Load.Model;

/// <summary>Each of <see cref="Count"/> keys equally likely.</summary>
public sealed class UniformKeys : KeyDistribution
{
    private readonly long _count;

    /// <summary>Creates a uniform key distribution.</summary>
    /// <param name="count">How many distinct keys; positive.</param>
    public UniformKeys(long count)
    {
        _count = CheckCount(count, nameof(count));
    }

    /// <inheritdoc/>
    public override long? Count => _count;

    /// <inheritdoc/>
    public override long? NextIndex(long ordinal, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.NextInt64(_count);
    }

    /// <inheritdoc/>
    public override string ToString() => $"uniform over {_count} keys";
}
