namespace Harness.Reports.Model;

/// <summary>
/// What a run created on a cluster it did not start (topics and consumer groups that did not exist before it), and
/// what its <c>cleanup</c> policy deleted of that afterwards. Nothing else is ever deleted.
/// </summary>
public sealed record ClusterResources
{
    /// <summary>"source" or "target".</summary>
    public required string Cluster { get; init; }

    /// <summary>The cluster's <c>cleanup</c> policy: <c>always</c>, <c>on-success</c> or <c>never</c>.</summary>
    public required string Cleanup { get; init; }

    /// <summary>Topics the run created (absent before it, present after it, named by the run).</summary>
    public IReadOnlyList<string> CreatedTopics { get; init; } = [];

    /// <summary>Consumer groups the run created.</summary>
    public IReadOnlyList<string> CreatedGroups { get; init; } = [];

    /// <summary>Of those, the topics deleted by the cleanup.</summary>
    public IReadOnlyList<string> DeletedTopics { get; init; } = [];

    /// <summary>Of those, the groups deleted by the cleanup.</summary>
    public IReadOnlyList<string> DeletedGroups { get; init; } = [];

    /// <summary>Why the cleanup left something, or null when it did what its policy says.</summary>
    public string? Problem { get; init; }
}
