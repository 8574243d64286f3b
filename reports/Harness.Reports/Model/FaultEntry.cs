namespace Harness.Reports.Model;

/// <summary>One fault injected during the run and what it did.</summary>
public sealed record FaultEntry
{
    /// <summary>The fault's id from the scenario (for example "f1").</summary>
    public required string Id { get; init; }

    /// <summary>The fault kind (for example "broker-kill", "replicator-sigstop").</summary>
    public required string Kind { get; init; }

    /// <summary>What the fault acted on (for example "source/broker-1").</summary>
    public string Target { get; init; } = "";

    /// <summary>When the fault started, in seconds since the run started.</summary>
    public double StartSeconds { get; init; }

    /// <summary>When the fault ended, in seconds since the run started; null for instantaneous or unfinished faults.</summary>
    public double? EndSeconds { get; init; }

    /// <summary>The effect measured while the fault was active (for example "lag peaked at 12,000 records").</summary>
    public string MeasuredEffect { get; init; } = "";

    /// <summary>
    /// Seconds from the fault's end until records flowed again and lag was back within a tolerance of its level before
    /// the fault (schema 1.3); null when it did not recover within the run, or the fault is a watch incident.
    /// </summary>
    public double? RecoverySeconds { get; init; }

    /// <summary>The recovery bound the scenario set for this fault, in seconds (schema 1.3); null when none.</summary>
    public double? RecoverWithinSeconds { get; init; }

    /// <summary>Duplicates read between the fault's start and 60 s after its end (schema 1.3); null for watch incidents.</summary>
    public long? Duplicates { get; init; }
}
