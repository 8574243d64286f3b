namespace Harness.Engine.Capture;

/// <summary>
/// Records per second from readings of a topic's total end offset taken about once a second: the readings are
/// joined by straight lines and cut at whole seconds, so late or missed readings shift no records between
/// seconds beyond their own interval.
/// </summary>
public static class RateSeries
{
    /// <summary>Records in each whole second of <paramref name="window"/>.</summary>
    /// <param name="readings">(time since the window started, total end offset), in time order, the first at or near zero.</param>
    /// <param name="window">The window's length; its whole seconds are the series.</param>
    public static IReadOnlyList<double> PerSecond(IReadOnlyList<(TimeSpan At, long Total)> readings, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var seconds = (int)Math.Floor(window.TotalSeconds);
        var series = new double[Math.Max(0, seconds)];
        if (readings.Count < 2)
        {
            return series;
        }

        for (var s = 0; s < seconds; s++)
        {
            series[s] = Math.Max(0, At(readings, s + 1) - At(readings, s));
        }

        return series;
    }

    private static double At(IReadOnlyList<(TimeSpan At, long Total)> readings, double second)
    {
        if (second <= readings[0].At.TotalSeconds)
        {
            return readings[0].Total;
        }

        for (var i = 1; i < readings.Count; i++)
        {
            var (time, total) = readings[i];
            if (second <= time.TotalSeconds)
            {
                var (previousTime, previousTotal) = readings[i - 1];
                var span = (time - previousTime).TotalSeconds;
                return span <= 0 ? total : previousTotal + ((total - previousTotal) * (second - previousTime.TotalSeconds) / span);
            }
        }

        return readings[^1].Total;
    }
}
