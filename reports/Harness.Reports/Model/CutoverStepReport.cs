namespace Harness.Reports.Model;

/// <summary>One step of the cut-over timeline as it ran (schema: <c>cutover[]</c>).</summary>
public sealed record CutoverStepReport
{
    /// <summary>The step's action: <c>moveConsumers</c>, <c>moveProducers</c> or <c>stopReplicator</c>.</summary>
    public required string Action { get; init; }

    /// <summary>Its trigger as the scenario wrote it (<c>after 5s, whenLag 0</c>).</summary>
    public required string Trigger { get; init; }

    /// <summary>When it started, in seconds since the run started; null when it never ran.</summary>
    public double? StartSeconds { get; init; }

    /// <summary>When it finished, in seconds since the run started.</summary>
    public double? EndSeconds { get; init; }

    /// <summary>Whether it ran as planned (its trigger held and a drain reached lag 0 before its deadline).</summary>
    public bool Completed { get; init; }

    /// <summary>What it did: positions, lag, pause, the replicator's state.</summary>
    public string Detail { get; init; } = "";
}
