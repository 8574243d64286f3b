namespace Harness.Engine.Scenarios;

/// <summary>
/// What a scenario tolerates of the replicator's health (<c>expect.replicator</c>). The health checks run on every run;
/// by default a replicator must neither exit without a fault asking for it nor go quiet on its metrics.
/// </summary>
public sealed record ReplicatorHealthExpectation
{
    /// <summary>How long without metrics while the process runs is a gap, when the scenario does not say.</summary>
    public static readonly TimeSpan DefaultMetricsGap = TimeSpan.FromSeconds(5);

    /// <summary>A healthy replicator: no unplanned exits, no metric gaps.</summary>
    public static ReplicatorHealthExpectation Default { get; } = new();

    /// <summary>Unplanned exits (no fault asked for them) tolerated; 0 by default.</summary>
    public int Crashes { get; init; }

    /// <summary>How long without metrics while the process runs counts as a gap (<c>metricsGap</c>); 5 s by default.</summary>
    public TimeSpan MetricsGap { get; init; } = DefaultMetricsGap;

    /// <summary>Metric gaps (no metrics for longer than <see cref="MetricsGap"/> while the process runs) tolerated; 0 by default.</summary>
    public int MetricGaps { get; init; }

    /// <summary>The longest tolerated metric gap; any length when null.</summary>
    public TimeSpan? MaxGap { get; init; }
}
