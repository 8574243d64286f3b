namespace Harness.Reports.Model;

/// <summary>What the replicator watch saw of the replicator's health during the run (schema 1.3).</summary>
public sealed record ReplicatorHealth
{
    /// <summary>Exits no fault asked for.</summary>
    public int Crashes { get; init; }

    /// <summary>Restarts the harness made after such exits, as an operator would.</summary>
    public int Restarts { get; init; }

    /// <summary>Spans with no replicator metrics for longer than the gap allowed while the process ran.</summary>
    public int MetricGaps { get; init; }

    /// <summary>The longest of those spans in seconds (to the end of the watch when metrics never resumed); 0 without gaps.</summary>
    public double LongestGapSeconds { get; init; }
}
