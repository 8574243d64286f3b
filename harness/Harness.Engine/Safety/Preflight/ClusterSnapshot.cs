namespace Harness.Engine.Safety.Preflight;

/// <summary>What the pre-flight read of one cluster found, before the run created anything there.</summary>
public sealed record ClusterSnapshot(string Role, string Principal)
{
    /// <summary>Whether the harness started the cluster for the run.</summary>
    public bool StartedByHarness { get; init; }

    /// <summary>The APIs each broker advertised, by broker address.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<short, (short Min, short Max)>> ApisByBroker { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<short, (short Min, short Max)>>();

    /// <summary>The principal's operations on the cluster (Kafka names); null when the broker did not answer them.</summary>
    public IReadOnlySet<string>? ClusterOperations { get; init; }

    /// <summary>The run's topics on this cluster, by name.</summary>
    public IReadOnlyDictionary<string, TopicSnapshot> Topics { get; init; } = new Dictionary<string, TopicSnapshot>();

    /// <summary>Every ACL DescribeAcls showed; null when none are visible (see <see cref="AclSummary"/>).</summary>
    public IReadOnlyList<AclEntry>? Acls { get; init; }

    /// <summary>"no authorizer (DescribeAcls answered SECURITY_DISABLED)", "N ACLs visible", or why none are visible.</summary>
    public string AclSummary { get; init; } = "not read";

    /// <summary>Whether the cluster has no authorizer (authorizer.class.name empty): every principal may do everything.</summary>
    public bool NoAuthorizer { get; init; }

    /// <summary>A read that failed, or null.</summary>
    public string? Problem { get; init; }

    /// <summary>The narrowest version range over all brokers per API; an API any broker lacks is absent.</summary>
    public IReadOnlyDictionary<short, (short Min, short Max)> CommonApis()
    {
        var common = new Dictionary<short, (short Min, short Max)>();
        var first = true;
        foreach (var apis in ApisByBroker.Values)
        {
            if (first)
            {
                foreach (var (key, range) in apis)
                {
                    common[key] = range;
                }

                first = false;
                continue;
            }

            foreach (var key in common.Keys.ToList())
            {
                if (apis.TryGetValue(key, out var range))
                {
                    common[key] = (Math.Max(common[key].Min, range.Min), Math.Min(common[key].Max, range.Max));
                }
                else
                {
                    common.Remove(key);
                }
            }
        }

        return common;
    }
}
