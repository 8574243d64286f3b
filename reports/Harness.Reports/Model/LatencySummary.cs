namespace Harness.Reports.Model;

/// <summary>End-to-end replication latency (source produce time to target arrival) over the whole run.</summary>
public sealed record LatencySummary
{
    /// <summary>The median, in milliseconds.</summary>
    public double P50Ms { get; init; }

    /// <summary>The 95th percentile, in milliseconds.</summary>
    public double P95Ms { get; init; }

    /// <summary>The 99th percentile, in milliseconds.</summary>
    public double P99Ms { get; init; }

    /// <summary>The largest latency seen, in milliseconds.</summary>
    public double MaxMs { get; init; }

    /// <summary>How many records the percentiles were computed from.</summary>
    public long SampleCount { get; init; }
}
