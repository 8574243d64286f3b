namespace Harness.Engine.Scenarios;

/// <summary>The two clusters of a migration (<c>clusters</c>).</summary>
public sealed record ClustersSpec
{
    /// <summary>The cluster records are produced to and replicated from.</summary>
    public required ClusterSpec Source { get; init; }

    /// <summary>The cluster records are replicated to and verified on.</summary>
    public required ClusterSpec Target { get; init; }
}
