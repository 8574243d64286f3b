using Harness.Engine.Load.Model;

namespace Harness.Engine.Capture;

/// <summary>
/// Turns sampled value sizes into a size distribution: fixed when every sample had the same size, otherwise a
/// histogram of equal-count slices of the sorted sample, each slice standing at its median size.
/// </summary>
public static class SizeEstimator
{
    /// <summary>Histogram buckets at most: enough for a lognormal's shape, few enough to read.</summary>
    public const int MaxBuckets = 16;

    /// <summary>Estimates the distribution; <see langword="null"/> when nothing was sampled.</summary>
    /// <param name="sizes">Sampled value sizes in bytes.</param>
    public static SizeDistribution? Estimate(IReadOnlyCollection<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count == 0)
        {
            return null;
        }

        var sorted = sizes.Order().ToArray();
        if (sorted[0] == sorted[^1])
        {
            return new FixedSize(sorted[0]);
        }

        var buckets = new SortedDictionary<int, double>();
        var slices = Math.Min(MaxBuckets, sorted.Length);
        for (var slice = 0; slice < slices; slice++)
        {
            var from = (int)((long)slice * sorted.Length / slices);
            var to = (int)((long)(slice + 1) * sorted.Length / slices);
            if (to <= from)
            {
                continue;
            }

            var median = sorted[from + ((to - from) / 2)];
            buckets[median] = buckets.GetValueOrDefault(median) + (to - from);
        }

        return new HistogramSize(buckets.Select(b => new SizeBucket(b.Key, b.Value)));
    }
}
