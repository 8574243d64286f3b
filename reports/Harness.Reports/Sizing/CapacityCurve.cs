namespace Harness.Reports.Sizing;

/// <summary>The load levels run for one replicator setting and the knee found among them.</summary>
public sealed record CapacityCurve
{
    /// <summary>The replicator's tasks (<c>tasks.max</c>) for these levels.</summary>
    public required int Tasks { get; init; }

    /// <summary>The built-in replicator's records/s cap per task, when the curve was measured throttled; otherwise null.</summary>
    public double? ThrottlePerTask { get; init; }

    /// <summary>The levels in the order they ran.</summary>
    public IReadOnlyList<LoadLevelResult> Levels { get; init; } = [];

    /// <summary>
    /// The highest replicate rate of a level that held the SLO with bounded lag, in records/s; null when no level did.
    /// </summary>
    public double? KneeRecordsPerSecond { get; init; }

    /// <summary>The same knee in MB/s (10^6 bytes) of record values, keys and headers; null when no level passed.</summary>
    public double? KneeMegabytesPerSecond { get; init; }

    /// <summary>True when no level above the knee failed for the replicator's sake (they passed, or the load generator could not offer them), so the knee is at least what is shown.</summary>
    public bool KneeIsLowerBound { get; init; }
}
