using Harness.Engine.Clients;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Replicators;

/// <summary>Everything a driver needs to create the run's replicator.</summary>
/// <param name="Scenario">The scenario; its <c>replicator</c> section holds the driver's settings.</param>
/// <param name="Source">How the replicator reaches the source cluster: bootstrap servers and security.</param>
/// <param name="Target">How it reaches the target cluster.</param>
/// <param name="RunDirectory">The run's folder, for properties, state, metrics and the log.</param>
/// <param name="Options">The run's options.</param>
/// <param name="HeapLimitMiB">The hard heap limit heap-pressure faults need, or null.</param>
public sealed record ReplicatorLaunch(Scenario Scenario, KafkaEndpoint Source, KafkaEndpoint Target, string RunDirectory, RunOptions Options, int? HeapLimitMiB)
{
    /// <summary>Where the replicator's output goes.</summary>
    public string LogPath => Path.Combine(RunDirectory, "replicator.log");

    /// <summary>The MM2 properties of the run, written into the run folder; its path.</summary>
    /// <param name="options">What the driver adds to the properties every replicator gets; none by default.</param>
    public string WriteMm2Properties(Mm2PropertiesOptions? options = null)
    {
        var path = Path.GetFullPath(Path.Combine(RunDirectory, "mm2.properties"));
        File.WriteAllText(path, Mm2Properties.Render(Scenario, Source, Target, options));
        return path;
    }
}
