namespace Harness.Reports.Model;

/// <summary>
/// One service-level bound the scenario set (schema 1.3), with what the run measured against it: the report draws it as
/// a line at the bound on its chart, and <c>harness report compare</c> compares the measured values.
/// </summary>
public sealed record ServiceLevelBound
{
    /// <summary>The name of the check that judged it, for example "latency p99".</summary>
    public required string Check { get; init; }

    /// <summary>What it bounds: <c>latency</c> (end-to-end replication latency) or <c>checkpointLatency</c>.</summary>
    public required string Metric { get; init; }

    /// <summary>The statistic bounded: p50, p95, p99 or max.</summary>
    public required string Statistic { get; init; }

    /// <summary>The records it covers: "all", "topic NAME" or "volume CLASS".</summary>
    public string Scope { get; init; } = "all";

    /// <summary>The bound, in milliseconds.</summary>
    public required double BoundMs { get; init; }

    /// <summary>What the run measured, in milliseconds; null when it measured nothing.</summary>
    public double? MeasuredMs { get; init; }

    /// <summary>Whether the measured value was within the bound.</summary>
    public bool Passed { get; init; }
}
