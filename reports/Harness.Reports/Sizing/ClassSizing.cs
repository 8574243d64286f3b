namespace Harness.Reports.Sizing;

/// <summary>One volume class's share of the replicator fleet.</summary>
public sealed record ClassSizing
{
    /// <summary>The class (<c>high</c>, <c>medium</c>, <c>low</c>, or <c>other</c> for topics without one).</summary>
    public required string Class { get; init; }

    /// <summary>The source topics of the class.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>The class's peak rate, records/s (the highest second of its topics together).</summary>
    public double PeakRecordsPerSecond { get; init; }

    /// <summary>The class's peak rate, MB/s (10^6 bytes).</summary>
    public double PeakMegabytesPerSecond { get; init; }

    /// <summary><c>tasks.max</c> for the class's connector: ceil(peak × headroom / per-task capacity), by records and by bytes.</summary>
    public int Tasks { get; init; }

    /// <summary>Source connectors for the class.</summary>
    public int Connectors { get; init; } = 1;
}
