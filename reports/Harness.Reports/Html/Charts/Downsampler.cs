namespace Harness.Reports.Html.Charts;

/// <summary>
/// Thins long series to what the chart can show: per horizontal bucket the lowest and highest point are kept, so
/// spikes (a lag peak during a fault) survive, and a gap inside a bucket stays a gap.
/// </summary>
internal static class Downsampler
{
    public static IReadOnlyList<ChartPoint> MinMax(IReadOnlyList<ChartPoint> points, int buckets, double xMax)
    {
        if (points.Count <= buckets * 2 || xMax <= 0)
        {
            return points;
        }

        var result = new List<ChartPoint>(buckets * 3);
        foreach (var bucket in points.GroupBy(p => Math.Min(buckets - 1, (int)(p.X / xMax * buckets))))
        {
            var present = bucket.Where(p => p.Y is { } y && double.IsFinite(y)).ToList();
            if (present.Count > 0)
            {
                var low = present.MinBy(p => p.Y!.Value);
                var high = present.MaxBy(p => p.Y!.Value);
                result.AddRange(low.X <= high.X ? [low, high] : [high, low]);
            }

            if (present.Count < bucket.Count())
            {
                result.Add(new ChartPoint(bucket.Last().X, null));
            }
        }

        return result;
    }
}
