namespace Harness.Engine.Scenarios;

/// <summary>A cluster backend's own settings, read from its section of the scenario.</summary>
public interface IClusterSettings
{
    /// <summary>What a cluster started from these settings can do.</summary>
    ClusterCapabilities Capabilities { get; }
}
