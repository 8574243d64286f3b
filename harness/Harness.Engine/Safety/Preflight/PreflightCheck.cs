using Harness.Engine.Clients;
using Harness.Engine.Scenarios;
using Harness.Engine.Security;
using Harness.Reports.Model;

namespace Harness.Engine.Safety.Preflight;

/// <summary>
/// The pre-flight checks of a run: reads both clusters with describe requests only, then compares them. Findings are
/// informational, except a probe that says the run's principal may not read or write a topic the run needs on a
/// cluster the harness did not start: that refuses the run (<see cref="PreflightReport.Refusal"/>, exit 3), since
/// such a run would fail part-way after writing to someone else's cluster. On clusters the harness started (its user a
/// super user) the same finding is only reported.
/// </summary>
public static class PreflightCheck
{
    /// <summary>What the source principal needs on source topics: the load writes them, the replicator reads them.</summary>
    public static IReadOnlyList<string> SourceOperations { get; } = ["READ", "WRITE"];

    /// <summary>What the target principal needs on target topics: the replicator writes them, the verifier reads them.</summary>
    public static IReadOnlyList<string> TargetOperations { get; } = ["WRITE", "READ"];

    /// <summary>
    /// Checks <paramref name="pairs"/> (source topic, target topic) on the clusters at <paramref name="source"/> and
    /// <paramref name="target"/>; a null endpoint is a cluster not reachable yet (a plan for a cluster the harness starts).
    /// </summary>
    /// <exception cref="Runs.HarnessException">A cluster cannot be reached or authenticated to (exit 3).</exception>
    public static async Task<PreflightReport> RunAsync(Scenario scenario, IReadOnlyList<(string Source, string Target)> pairs, KafkaEndpoint? source, KafkaEndpoint? target)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(pairs);
        var clusters = scenario.Clusters;
        var from = source is null ? null : await ClusterReader.ReadAsync(source, "source", Principal(clusters.Source.Security), clusters.Source.Capabilities.StartedByHarness,
            [.. pairs.Select(p => p.Source)]).ConfigureAwait(false);
        var to = target is null ? null : await ClusterReader.ReadAsync(target, "target", Principal(clusters.Target.Security), clusters.Target.Capabilities.StartedByHarness,
            [.. pairs.Select(p => p.Target)]).ConfigureAwait(false);
        return Compare(scenario, pairs, from, to);
    }

    /// <summary>The report for what was read (pure: the unit tests' entry).</summary>
    public static PreflightReport Compare(Scenario scenario, IReadOnlyList<(string Source, string Target)> pairs, ClusterSnapshot? source, ClusterSnapshot? target)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(pairs);
        var clusters = new List<PreflightCluster>();
        var probes = new List<PreflightProbe>();
        if (source is not null)
        {
            clusters.Add(Cluster(source, ApiNeeds.For(scenario, "source")));
            probes.AddRange(AuthProbes.Evaluate(source, pairs.Select(p => p.Source), SourceOperations));
        }

        if (target is not null)
        {
            clusters.Add(Cluster(target, ApiNeeds.For(scenario, "target")));
            probes.AddRange(AuthProbes.Evaluate(target, pairs.Select(p => p.Target), TargetOperations));
        }

        var both = source is not null && target is not null;
        var refused = probes.Where(p => p.Outcome == "denied" && !((p.Cluster == "source" ? source : target)?.StartedByHarness ?? true)).ToList();
        return new PreflightReport
        {
            Clusters = clusters,
            TopicDifferences = both ? TopicConfigDiff.Compare(pairs, source!, target!, new Mm2ConfigSync(scenario.Replicator)) : [],
            AclDifferences = both ? AclDiff.Compare(pairs, scenario.Consumers.Select(c => c.Group), source!, target!, scenario.Replicator) : [],
            Probes = probes,
            Refusal = refused.Count == 0 ? null : Refusal(refused),
        };
    }

    /// <summary>The principal a security block authenticates as, as Kafka names it.</summary>
    public static string Principal(SecuritySpec security)
    {
        ArgumentNullException.ThrowIfNull(security);
        return security.UsesSasl
            ? $"User:{security.Username ?? security.OAuthBearer?.Principal ?? security.OAuthBearer?.ClientId ?? "?"}"
            : security.CertFile is not null ? "User:<client certificate subject>" : "User:ANONYMOUS";
    }

    private static string Refusal(List<PreflightProbe> denied)
    {
        var first = denied[0];
        var more = denied.Count == 1 ? "" : $" (and {denied.Count - 1} more denied operation{(denied.Count == 2 ? "" : "s")}, listed by --plan)";
        return $"pre-flight: {first.Principal} may not {first.Operation} topic '{first.Topic}' on the {first.Cluster} cluster ({first.Detail}){more}; grant it, or use another user in clusters.{first.Cluster}.security";
    }

    private static PreflightCluster Cluster(ClusterSnapshot snapshot, IReadOnlyList<ApiNeed> needs)
    {
        var common = snapshot.CommonApis();
        var read = snapshot.ApisByBroker.Count > 0;
        return new PreflightCluster
        {
            Cluster = snapshot.Role,
            StartedByHarness = snapshot.StartedByHarness,
            Principal = snapshot.Principal,
            Brokers = snapshot.ApisByBroker.Count,
            InferredVersion = read ? KafkaVersionInference.Infer(common) : null,
            Apis = read ? [.. needs.Select(n => Api(n, common))] : [],
            Acls = snapshot.AclSummary,
            Problem = read ? snapshot.Problem : string.Join("; ", new[] { "no broker's ApiVersions was seen", snapshot.Problem }.OfType<string>()),
        };
    }

    private static PreflightApi Api(ApiNeed need, IReadOnlyDictionary<short, (short Min, short Max)> common)
    {
        var found = common.TryGetValue(need.Key, out var range);
        return new PreflightApi
        {
            Key = need.Key,
            Name = need.Name,
            Needed = need.MinVersion,
            MinVersion = found ? range.Min : null,
            MaxVersion = found ? range.Max : null,
            Purpose = need.Optional ? "optional: " + need.Purpose : need.Purpose,
            Status = !found ? (need.Optional ? "absent-optional" : "missing") : range.Max < need.MinVersion ? "too-old" : "ok",
        };
    }
}
