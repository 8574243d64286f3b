namespace Harness.Engine.Load.Model;

/// <summary>
/// Keys in record order: record <c>n</c> gets key <c>n</c>, or <c>n mod count</c> when a count is given.
/// Without a count every key is new, which is the worst case for compaction and the easiest for checking.
/// </summary>
public sealed class SequentialKeys : KeyDistribution
{
    private readonly long? _count;

    /// <summary>Creates a sequential key distribution.</summary>
    /// <param name="count">How many keys before the sequence wraps, or <see langword="null"/> to never wrap.</param>
    public SequentialKeys(long? count)
    {
        if (count is { } value)
        {
            CheckCount(value, nameof(count));
        }

        _count = count;
    }

    /// <inheritdoc/>
    public override long? Count => _count;

    /// <inheritdoc/>
    public override long? NextIndex(long ordinal, DeterministicRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        return _count is { } count ? ordinal % count : ordinal;
    }

    /// <inheritdoc/>
    public override string ToString() => _count is { } count ? $"sequential over {count} keys" : "sequential";
}
