using Harness.Engine.Scenarios;

namespace Harness.Engine.Clusters.External;

/// <summary>An existing cluster reached through <paramref name="Bootstrap"/>; the harness controls none of its brokers.</summary>
public sealed record ExternalClusterSettings(string Bootstrap) : IClusterSettings
{
    /// <inheritdoc/>
    public ClusterCapabilities Capabilities => new() { Description = "is external" };
}
