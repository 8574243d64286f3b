using Harness.Engine.Chaos;
using Harness.Engine.Replicators;
using Harness.Engine.Runs;

namespace Harness.Engine.Tests.Chaos;

/// <summary>A fault context as the load phase builds it, on a given clock, with stand-ins for the clusters.</summary>
internal static class FaultContexts
{
    public static FaultContext On(RunClock clock, IReplicator? replicator = null, IRunProgress? progress = null) =>
        new(new IdleCluster("source"), new IdleCluster("target"), replicator ?? new ScriptedReplicator(), [("orders", "orders", 1)], new Random(1), clock,
            progress ?? SilentProgress.Instance);
}
