namespace Harness.Engine.Load.Model;

/// <summary>Sizes drawn from a measured histogram: each bucket's size with probability proportional to its weight.</summary>
public sealed class HistogramSize : SizeDistribution
{
    private readonly SizeBucket[] _buckets;
    private readonly double[] _cumulativeWeights;

    /// <summary>Creates a histogram distribution.</summary>
    /// <param name="buckets">At least one bucket.</param>
    public HistogramSize(IEnumerable<SizeBucket> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        _buckets = [.. buckets];
        if (_buckets.Length == 0)
        {
            throw new ArgumentException("A histogram needs at least one bucket.", nameof(buckets));
        }

        _cumulativeWeights = new double[_buckets.Length];
        double total = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            total += _buckets[i].Weight;
            _cumulativeWeights[i] = total;
        }

        Min = _buckets.Min(b => b.Size);
        Max = _buckets.Max(b => b.Size);
    }

    /// <summary>The buckets, in the order given.</summary>
    public IReadOnlyList<SizeBucket> Buckets => _buckets;

    /// <inheritdoc/>
    public override int Min { get; }

    /// <inheritdoc/>
    public override int Max { get; }

    /// <inheritdoc/>
    public override int Sample(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var target = random.NextDouble() * _cumulativeWeights[^1];
        var i = Array.BinarySearch(_cumulativeWeights, target);

        // An exact hit on a boundary belongs to the next bucket: the draw is in [0, total).
        i = i >= 0 ? i + 1 : ~i;
        return _buckets[Math.Min(i, _buckets.Length - 1)].Size;
    }

    /// <inheritdoc/>
    public override string ToString() => $"histogram of {_buckets.Length} sizes, {Min}..{Max} B";
}
