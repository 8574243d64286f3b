namespace Harness.Engine.Scenarios;

/// <summary>
/// Upper bounds on a latency distribution (<c>{p50: 200ms, p95: 1s, p99: 2s, max: 10s}</c>); any subset may be
/// given and an absent one is not checked.
/// </summary>
public sealed record LatencyBounds
{
    /// <summary>No bounds at all.</summary>
    public static LatencyBounds None { get; } = new();

    /// <summary>The median's bound.</summary>
    public TimeSpan? P50 { get; init; }

    /// <summary>The 95th percentile's bound.</summary>
    public TimeSpan? P95 { get; init; }

    /// <summary>The 99th percentile's bound.</summary>
    public TimeSpan? P99 { get; init; }

    /// <summary>The largest single latency's bound.</summary>
    public TimeSpan? Max { get; init; }

    /// <summary>No bound is given.</summary>
    public bool IsEmpty => P50 is null && P95 is null && P99 is null && Max is null;

    /// <summary>The given bounds as (key, percentile, bound), smallest percentile first; max is the 100th.</summary>
    public IEnumerable<(string Key, double Percentile, TimeSpan Bound)> Each()
    {
        if (P50 is { } p50)
        {
            yield return ("p50", 50, p50);
        }

        if (P95 is { } p95)
        {
            yield return ("p95", 95, p95);
        }

        if (P99 is { } p99)
        {
            yield return ("p99", 99, p99);
        }

        if (Max is { } max)
        {
            yield return ("max", 100, max);
        }
    }
}
