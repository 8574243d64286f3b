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
}
