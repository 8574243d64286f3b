namespace Harness.Engine.Scenarios.Parsing;

/// <summary>The cluster and replicator kinds a scenario may name; the first of each is the default.</summary>
/// <param name="Clusters">Cluster backends' sections, the default first.</param>
/// <param name="Replicators">Replicator drivers' sections, the default first.</param>
public sealed record ScenarioSections(IReadOnlyList<IClusterSection> Clusters, IReadOnlyList<IReplicatorSection> Replicators)
{
    /// <summary>Every key some cluster backend reads, so a key of another kind is named as such rather than as unknown.</summary>
    internal IReadOnlyList<string> ClusterKeys => [.. Clusters.SelectMany(c => c.Keys).Distinct(StringComparer.Ordinal)];

    /// <summary>Every key some replicator driver reads.</summary>
    internal IReadOnlyList<string> ReplicatorKeys => [.. Replicators.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal)];
}
