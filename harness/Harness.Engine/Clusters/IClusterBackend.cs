using Harness.Engine.Scenarios;
using Harness.Engine.Scenarios.Parsing;

namespace Harness.Engine.Clusters;

/// <summary>
/// A kind of cluster: the section of the scenario it reads (and the capabilities its settings declare) and how it
/// starts. Registered in <see cref="HarnessRegistry"/>; the engine asks capabilities, never kind names.
/// </summary>
public interface IClusterBackend : IClusterSection
{
    /// <summary>Starts (or connects to) a cluster for <paramref name="role"/> ("source" or "target").</summary>
    /// <exception cref="Runs.HarnessException">The cluster cannot be started or reached.</exception>
    Task<IKafkaCluster> StartAsync(string role, IClusterSettings settings, CancellationToken cancellation);
}
