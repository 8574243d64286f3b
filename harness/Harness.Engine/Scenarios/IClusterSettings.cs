namespace Harness.Engine.Scenarios;

/// <summary>A cluster backend's own settings, read from its section of the scenario.</summary>
public interface IClusterSettings
{
    /// <summary>What a cluster started from these settings can do.</summary>
    ClusterCapabilities Capabilities { get; }

    /// <summary>
    /// The settings for one run, whose clusters keep whatever they write to disk under <paramref name="dataDirectory"/>
    /// and remove it at the end unless <paramref name="keepData"/>; the same settings for a backend that writes nothing.
    /// </summary>
    /// <param name="dataDirectory">The run's data folder (by default the run folder's <c>data/</c>).</param>
    /// <param name="keepData">Keep the files when the cluster stops.</param>
    IClusterSettings ForRun(string dataDirectory, bool keepData) => this;
}
