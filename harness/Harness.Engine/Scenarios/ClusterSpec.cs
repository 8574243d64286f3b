using Harness.Engine.Security;

namespace Harness.Engine.Scenarios;

/// <summary>One side of the migration: <c>clusters.source</c> or <c>clusters.target</c>.</summary>
/// <param name="Kind">The backend's name (<c>embedded</c>, <c>external</c>, <c>containers</c>, or a registered one).</param>
/// <param name="Settings">What the backend read from its section: its own record type.</param>
public sealed record ClusterSpec(string Kind, IClusterSettings Settings)
{
    /// <summary>What the backend can do with these settings; validation asks this, never the kind's name.</summary>
    public ClusterCapabilities Capabilities => Settings.Capabilities;

    /// <summary>How the run's clients connect: <c>security:</c>, PLAINTEXT when absent.</summary>
    public SecuritySpec Security { get; init; } = SecuritySpec.Plaintext;

    /// <summary>
    /// Whether the run may write into topics that exist before it on a cluster the harness did not start
    /// (<c>allowExistingTopics</c>, false by default: such a run is refused).
    /// </summary>
    public bool AllowExistingTopics { get; init; }

    /// <summary>When the run deletes what it created on a cluster the harness did not start (<c>cleanup</c>, never by default).</summary>
    public CleanupPolicy Cleanup { get; init; } = CleanupPolicy.Never;
}
