namespace Harness.Reports.Model;

/// <summary>The states of a connector and its tasks from one moment of the run until the next change.</summary>
public sealed record ConnectorStateChange
{
    /// <summary>When the change was seen, in seconds since the run started.</summary>
    public double AtSeconds { get; init; }

    /// <summary>The connector's state as Connect reports it: UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, or MISSING when Connect did not know it.</summary>
    public required string State { get; init; }

    /// <summary>Each task's state, by task id.</summary>
    public IReadOnlyList<string> Tasks { get; init; } = [];

    /// <summary>The first lines of the trace of a FAILED connector or task, when there is one.</summary>
    public string? Trace { get; init; }
}
