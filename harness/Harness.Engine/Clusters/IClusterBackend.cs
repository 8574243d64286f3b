using Harness.Engine.Scenarios;
using Harness.Engine.Scenarios.Parsing;
using Harness.Engine.Security;

namespace Harness.Engine.Clusters;

/// <summary>
/// A kind of cluster: the section of the scenario it reads (and the capabilities its settings declare) and how it
/// starts. Registered in <see cref="HarnessRegistry"/>; the engine asks capabilities, never kind names.
/// </summary>
public interface IClusterBackend : IClusterSection
{
    /// <summary>Starts (or connects to) a cluster for <paramref name="role"/> ("source" or "target").</summary>
    /// <param name="role">"source" or "target".</param>
    /// <param name="settings">What the backend read from its section.</param>
    /// <param name="security">The cluster's <c>security:</c>: a cluster the backend starts listens that way; one it connects to is reached that way.</param>
    /// <param name="folder">
    /// The run folder, where a cluster the backend starts writes what its clients need (a generated CA); null when there
    /// is none (<c>--plan</c>), and then such files go to a temporary folder.
    /// </param>
    /// <param name="cancellation">Cancels the start.</param>
    /// <exception cref="Runs.HarnessException">The cluster cannot be started or reached, or cannot run with that security.</exception>
    Task<IKafkaCluster> StartAsync(string role, IClusterSettings settings, SecuritySpec security, string? folder, CancellationToken cancellation);
}
