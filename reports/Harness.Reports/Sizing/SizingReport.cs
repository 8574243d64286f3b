namespace Harness.Reports.Sizing;

/// <summary>
/// The result of <c>harness size</c>: the capacity curves measured, the knee, and the replicator fleet and target
/// cluster sized from them. Written as sizing.json (versioned by <see cref="SchemaVersion"/>) and sizing.html.
/// </summary>
public sealed record SizingReport
{
    /// <summary>The schema version this library writes. Readers accept any 1.x.</summary>
    public const string CurrentSchemaVersion = "1.0";

    /// <summary>The schema version of this report; <see cref="CurrentSchemaVersion"/> unless read from a file.</summary>
    public string SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The scenario or profile the load was shaped from.</summary>
    public required string Scenario { get; init; }

    /// <summary>When the sizing run started (UTC).</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>How long the sizing run took, in seconds.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>The replicator kind measured (<c>builtin</c>, <c>mm2</c>, ...).</summary>
    public required string ReplicatorKind { get; init; }

    /// <summary>The latency objective: replication latency p99 at or under this, in milliseconds.</summary>
    public required double SloP99Ms { get; init; }

    /// <summary>The capacity multiplier applied to the profile's peaks.</summary>
    public required double Headroom { get; init; }

    /// <summary>One capacity curve per replicator setting measured.</summary>
    public IReadOnlyList<CapacityCurve> Curves { get; init; } = [];

    /// <summary>The replicator fleet the measurements call for.</summary>
    public required ReplicatorSizing Replicator { get; init; }

    /// <summary>The target cluster the profile calls for.</summary>
    public required TargetClusterSizing TargetCluster { get; init; }

    /// <summary>Every input figure of the model, with where it came from.</summary>
    public IReadOnlyList<SizingAssumption> Assumptions { get; init; } = [];

    /// <summary>What could go wrong with this plan (storage cool-down, partition limits, unmeasured figures).</summary>
    public IReadOnlyList<string> Risks { get; init; } = [];
}
