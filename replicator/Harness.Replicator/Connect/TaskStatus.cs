namespace Harness.Replicator.Connect;

/// <summary>One task's state, as the <c>tasks</c> of a connector's status show it.</summary>
/// <param name="Id">The task's number, from 0.</param>
/// <param name="State">UNASSIGNED, RUNNING, PAUSED, FAILED (or RESTARTING in a restart's answer).</param>
/// <param name="Trace">The failure's type, message and stack, when the task failed.</param>
public sealed record TaskStatus(int Id, string State, string? Trace);
