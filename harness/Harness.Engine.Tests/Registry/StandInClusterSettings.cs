using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Registry;

/// <summary>The stand-in backend's settings: one broker of the harness's own broker library, no faults.</summary>
internal sealed record StandInClusterSettings(string Name) : IClusterSettings
{
    public ClusterCapabilities Capabilities => new() { Description = "is a stand-in", Brokers = 1 };
}
