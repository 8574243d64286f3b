namespace Harness.Reports.Model;

/// <summary>
/// What the pre-flight checks found on both clusters before anything was created: broker API support, topic config and
/// ACL differences between source and target with what MirrorMaker 2 will and won't sync, and whether each principal
/// of the run may read and write the topics it needs. Informational, except that a denied probe on a cluster the
/// harness did not start refuses the run (<see cref="Refusal"/>).
/// </summary>
public sealed record PreflightReport
{
    /// <summary>Per cluster: brokers, API support and ACL visibility.</summary>
    public IReadOnlyList<PreflightCluster> Clusters { get; init; } = [];

    /// <summary>Topic settings that differ between a source topic and its target topic, both existing before the run.</summary>
    public IReadOnlyList<PreflightTopicDifference> TopicDifferences { get; init; } = [];

    /// <summary>ACL entries that apply to a run topic on one side and not to its counterpart on the other.</summary>
    public IReadOnlyList<PreflightAclDifference> AclDifferences { get; init; } = [];

    /// <summary>Whether each principal may do what the run needs on each topic, asked without doing it.</summary>
    public IReadOnlyList<PreflightProbe> Probes { get; init; } = [];

    /// <summary>Why the run was refused before any load; null when it was not.</summary>
    public string? Refusal { get; init; }
}
