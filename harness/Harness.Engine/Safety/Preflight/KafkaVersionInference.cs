namespace Harness.Engine.Safety.Preflight;

/// <summary>
/// The oldest Apache Kafka release consistent with the APIs a cluster advertises: each marker is an API (or an API
/// version) that first shipped in a release, and the newest marker present wins. An inference, stated as one: brokers
/// advertise what they implement, not their version, and other implementations may pick and choose.
/// </summary>
public static class KafkaVersionInference
{
    private static readonly (short Key, short Version, string Name, string Release)[] Markers =
    [
        (32, 0, "DescribeConfigs", "0.11"),
        (36, 0, "SaslAuthenticate", "1.0"),
        (42, 0, "DeleteGroups", "1.1"),
        (43, 0, "ElectLeaders", "2.2"),
        (44, 0, "IncrementalAlterConfigs", "2.3"),
        (47, 0, "OffsetDelete", "2.4"),
        (48, 0, "DescribeClientQuotas", "2.6"),
        (50, 0, "DescribeUserScramCredentials", "2.7"),
        (60, 0, "DescribeCluster", "2.8"),
        (61, 0, "DescribeProducers", "3.0"),
        (2, 7, "ListOffsets", "3.0"),
        (1, 13, "Fetch", "3.1"),
    ];

    /// <summary>"at least 3.0 (inferred from DescribeProducers)", or null when the APIs match no marker.</summary>
    public static string? Infer(IReadOnlyDictionary<short, (short Min, short Max)> apis)
    {
        ArgumentNullException.ThrowIfNull(apis);
        string? found = null;
        var newest = new Version(0, 0);
        foreach (var (key, version, name, release) in Markers)
        {
            if (apis.TryGetValue(key, out var range) && range.Max >= version && Version.Parse(release) is var parsed && parsed > newest)
            {
                newest = parsed;
                found = $"at least {release} (inferred from {name}{(version > 0 ? $" v{version}" : "")})";
            }
        }

        return found;
    }
}
