using Harness.Engine.Scenarios;

namespace Harness.Engine.Chaos;

/// <summary>A fault with its trigger, duration (null: recovered when the load ends) and its own recovery bound, if any.</summary>
internal sealed record ScheduledFault(IFault Fault, FaultTrigger At, TimeSpan? Duration, bool RestartReplicatorOnFailure, TimeSpan? RecoverWithin = null);
