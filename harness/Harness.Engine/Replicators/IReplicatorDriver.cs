using Harness.Engine.Scenarios.Parsing;

namespace Harness.Engine.Replicators;

/// <summary>
/// A kind of replicator: the keys of <c>replicator</c> it reads (its settings declare its capabilities) and how it is
/// created for a run. Registered in <see cref="HarnessRegistry"/>; the engine asks capabilities, never kind names.
/// </summary>
public interface IReplicatorDriver : IReplicatorSection
{
    /// <summary>Creates the replicator for a run, not started yet.</summary>
    /// <exception cref="Runs.HarnessException">It cannot be created (a missing executable, for one).</exception>
    IReplicator Create(ReplicatorLaunch launch);
}
