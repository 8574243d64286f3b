namespace Harness.Engine.Replicators.Connect;

/// <summary>One task of a connector as Connect's status gives it.</summary>
/// <param name="Id">The task id.</param>
/// <param name="State">UNASSIGNED, RUNNING, PAUSED, FAILED...</param>
/// <param name="Trace">Its trace when it FAILED.</param>
public sealed record ConnectTaskStatus(int Id, string State, string? Trace);
