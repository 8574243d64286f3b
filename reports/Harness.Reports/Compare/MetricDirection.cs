namespace Harness.Reports.Compare;

/// <summary>Which way a compared figure gets better.</summary>
public enum MetricDirection
{
    /// <summary>A larger value is better (throughput); a drop beyond the threshold is a regression.</summary>
    HigherIsBetter,

    /// <summary>A smaller value is better (latency, lag, duplicates, lost); a rise beyond the threshold is a regression.</summary>
    LowerIsBetter,

    /// <summary>Shown for context (run duration) but never a regression.</summary>
    Informational,
}
