namespace Harness.Replicator.Source;

/// <summary>What the control endpoint's GET /status reports.</summary>
public sealed record ReplicatorStatus
{
    /// <summary>Life-cycle state.</summary>
    public required ReplicatorState State { get; init; }

    /// <summary>True while copying (state Running), paused or not.</summary>
    public bool Running => State == ReplicatorState.Running;

    /// <summary>True while paused through the control endpoint.</summary>
    public required bool Paused { get; init; }

    /// <summary>Records replicated since start.</summary>
    public required long Records { get; init; }

    /// <summary>Source records not yet in the target, or null before the first fetch.</summary>
    public long? Lag { get; init; }

    /// <summary>Number of tasks.</summary>
    public required int Tasks { get; init; }

    /// <summary>Source partitions being mirrored.</summary>
    public required int Partitions { get; init; }

    /// <summary>Checkpoints written since start.</summary>
    public required long Checkpoints { get; init; }

    /// <summary>Why the replicator failed, when it did.</summary>
    public string? Failure { get; init; }
}
