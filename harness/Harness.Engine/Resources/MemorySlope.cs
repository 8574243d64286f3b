namespace Harness.Engine.Resources;

/// <summary>How fast memory grows: the least-squares slope of a series of readings, in MiB per minute.</summary>
public static class MemorySlope
{
    /// <summary>
    /// The least-squares slope of <paramref name="points"/> (seconds, MiB) in MiB per minute; null with fewer than two
    /// points or when they all share one time.
    /// </summary>
    public static double? MiBPerMinute(IReadOnlyList<(double Seconds, double MiB)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            return null;
        }

        var meanT = points.Average(p => p.Seconds);
        var meanM = points.Average(p => p.MiB);
        double covariance = 0, variance = 0;
        foreach (var (t, m) in points)
        {
            covariance += (t - meanT) * (m - meanM);
            variance += (t - meanT) * (t - meanT);
        }

        return variance == 0 ? null : covariance / variance * 60;
    }

    /// <summary>The points from the middle of their time span on: a run's second half, after start-up has settled.</summary>
    public static IReadOnlyList<(double Seconds, double MiB)> SecondHalf(IReadOnlyList<(double Seconds, double MiB)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return points;
        }

        var middle = (points.Min(p => p.Seconds) + points.Max(p => p.Seconds)) / 2;
        return [.. points.Where(p => p.Seconds >= middle)];
    }
}
