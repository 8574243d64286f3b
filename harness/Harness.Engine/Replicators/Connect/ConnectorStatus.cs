namespace Harness.Engine.Replicators.Connect;

/// <summary>A connector's status as <c>GET /connectors/{name}/status</c> gives it.</summary>
/// <param name="State">The connector's state.</param>
/// <param name="Trace">The connector's trace when it FAILED.</param>
/// <param name="Tasks">Its tasks, by id.</param>
public sealed record ConnectorStatus(string State, string? Trace, IReadOnlyList<ConnectTaskStatus> Tasks)
{
    /// <summary>Whether the connector and at least one task run, every task RUNNING.</summary>
    public bool Running => State == "RUNNING" && Tasks.Count > 0 && Tasks.All(t => t.State == "RUNNING");

    /// <summary>The first FAILED trace, connector first, as "what: trace", or <see langword="null"/>.</summary>
    public (string What, string? Trace)? Failure =>
        State == "FAILED" ? ("the connector", Trace)
        : Tasks.FirstOrDefault(t => t.State == "FAILED") is { } task ? ($"task {task.Id}", task.Trace)
        : null;
}
