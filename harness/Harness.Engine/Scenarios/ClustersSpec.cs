namespace Harness.Engine.Scenarios;

/// <summary>The two clusters of a migration (<c>clusters</c>).</summary>
public sealed record ClustersSpec
{
    /// <summary>Two embedded clusters of three brokers each.</summary>
    public static ClustersSpec Default { get; } = new();

    /// <summary>The cluster records are produced to and replicated from.</summary>
    public ClusterSpec Source { get; init; } = ClusterSpec.Default;

    /// <summary>The cluster records are replicated to and verified on.</summary>
    public ClusterSpec Target { get; init; } = ClusterSpec.Default;
}
