using Harness.Engine.Scenarios;

namespace Harness.Engine.Chaos;

/// <summary>A fault with its trigger and duration (null: recovered when the load ends).</summary>
internal sealed record ScheduledFault(IFault Fault, FaultTrigger At, TimeSpan? Duration, bool RestartReplicatorOnFailure);
