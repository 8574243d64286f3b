namespace Harness.Replicator.Connect;

/// <summary>A connector's state and its tasks' states, as <c>GET /connectors/{name}/status</c> shows them.</summary>
/// <param name="Name">The connector's name.</param>
/// <param name="State">UNASSIGNED, RUNNING, PAUSED, FAILED (or RESTARTING in a restart's answer).</param>
/// <param name="Trace">Why the connector failed, when it did.</param>
/// <param name="Tasks">Each task's id, state and failure trace.</param>
public sealed record ConnectorStatus(string Name, string State, string? Trace, IReadOnlyList<TaskStatus> Tasks);
