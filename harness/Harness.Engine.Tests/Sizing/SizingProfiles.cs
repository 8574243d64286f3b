using Harness.Engine.Scenarios;
using Harness.Engine.Sizing;
using Harness.Reports.Sizing;

namespace Harness.Engine.Tests.Sizing;

/// <summary>
/// A profile whose figures are easy to follow by hand: constant rates, fixed sizes, no keys or headers, so every
/// record is exactly its value size.
/// </summary>
internal static class SizingProfiles
{
    /// <summary>
    /// high: hi.a 3,000/s and hi.b 1,000/s of 500 bytes (peak 4,000/s, 2.0 MB/s; hi.a kept 1 day);
    /// medium: med.a 600/s of 1,000 bytes (0.6 MB/s, kept the default 7 days), read by two groups.
    /// Partitions 12 + 6 + 3 = 21.
    /// </summary>
    public const string Yaml = """
        name: hand
        topics:
          - {name: hi.a, partitions: 12, rate: 3000, duration: 10s, size: 500, volume: high, configs: {retention.ms: "86400000"}}
          - {name: hi.b, partitions: 6, rate: 1000, duration: 10s, size: 500, volume: high, configs: {retention.ms: "86400000"}}
          - {name: med.a, partitions: 3, rate: 600, duration: 10s, size: 1000, volume: medium}
        consumers:
          - {group: indexer, topics: [hi.a, med.a], progress: 0.5}
          - {group: archiver, topics: [med.a], progress: 0.5}
        """;

    public static Scenario Scenario => ScenarioLoader.Parse(Yaml, "hand.yaml");

    public static Scenario ScenarioFrom(string yaml) => ScenarioLoader.Parse(yaml, "profile.yaml");

    public static ProfileShape Shape(SizingSpec? spec = null) => ProfileShape.From(Scenario, (spec ?? new SizingSpec()).DefaultRetention);

    /// <summary>A curve whose knee level replicated <paramref name="knee"/> records/s and <paramref name="megabytes"/> MB/s at <paramref name="rssMiB"/> MiB.</summary>
    public static CapacityCurve Curve(int tasks, double knee, double megabytes, double rssMiB) => new()
    {
        Tasks = tasks,
        KneeRecordsPerSecond = knee,
        KneeMegabytesPerSecond = megabytes,
        Levels =
        [
            new LoadLevelResult { Multiplier = 1, OfferedRecordsPerSecond = knee, ReplicateRecordsPerSecond = knee, ReplicatorRssMiB = rssMiB, Passed = true },
            new LoadLevelResult { Multiplier = 2, OfferedRecordsPerSecond = knee * 2, ReplicateRecordsPerSecond = knee, ReplicatorRssMiB = rssMiB * 2, Passed = false, Reason = "lag grew" },
        ],
    };
}
