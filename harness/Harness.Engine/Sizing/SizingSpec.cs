namespace Harness.Engine.Sizing;

/// <summary>
/// The inputs of <c>harness size</c> besides the profile itself: the objective, the search, and the figures of the
/// sizing model. Read from a scenario's <c>sizing:</c> section; command-line options override. Every default is
/// documented in docs/sizing.md.
/// </summary>
public sealed record SizingSpec
{
    /// <summary>The latency objective: replication latency p99 at most this. Default 2 s.</summary>
    public TimeSpan SloP99 { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Capacity over the profile's peak. Default 2.</summary>
    public double Headroom { get; init; } = 2;

    /// <summary>The replicator settings to measure: tasks per curve. Default 1 and 4.</summary>
    public IReadOnlyList<int> Tasks { get; init; } = [1, 4];

    /// <summary>How long each load level produces. Default 15 s.</summary>
    public TimeSpan LevelDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The bisection stops when the bracket around the knee is this narrow, relative. Default 5%.</summary>
    public double Precision { get; init; } = 0.05;

    /// <summary>At most this many levels per curve. Default 10.</summary>
    public int MaxLevels { get; init; } = 10;

    /// <summary>Lag growing faster than this fraction of the offered rate counts as unbounded. Default 5%.</summary>
    public double LagGrowth { get; init; } = 0.05;

    /// <summary>The first level's multiplier of the profile's mean rate. Default 1.</summary>
    public double StartMultiplier { get; init; } = 1;

    /// <summary>The built-in replicator's records/s cap per task, for checking the search; null for none.</summary>
    public double? ThrottlePerTask { get; init; }

    /// <summary>The instance table file (YAML), relative to the scenario; null for none (no broker counts).</summary>
    public string? Instances { get; init; }

    /// <summary>Retention of topics without <c>retention.ms</c>. Default 7 days (Kafka's default).</summary>
    public TimeSpan DefaultRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Replication factor of the target's topics. Default 3.</summary>
    public int ReplicationFactor { get; init; } = 3;

    /// <summary>Storage on top of the data (indexes, segments not yet deleted, free space). Default 20%.</summary>
    public double StorageOverhead { get; init; } = 0.2;

    /// <summary>Existing data to copy before the cut-over, bytes, one copy. Default 0.</summary>
    public long BackfillBytes { get; init; }

    /// <summary>How long the migration runs from the first copy to the cut-over. Default 14 days.</summary>
    public TimeSpan CutoverWindow { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Storage provisioned per broker, bytes; null to compare against the sized storage.</summary>
    public long? ProvisionedStoragePerBrokerBytes { get; init; }

    /// <summary>Tasks per worker; null for the most tasks measured in one process.</summary>
    public int? TasksPerWorker { get; init; }

    /// <summary>Heap margin over the measured memory. Default 50%.</summary>
    public double MemoryMargin { get; init; } = 0.5;

    /// <summary>Production's rates as a multiple of the profile's (a compressed capture). Default 1.</summary>
    public double Scale { get; init; } = 1;
}
