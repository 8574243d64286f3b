namespace Harness.Reports.Model;

/// <summary>One topic setting that differs between a source topic and the target topic it is replicated to.</summary>
public sealed record PreflightTopicDifference
{
    /// <summary>The source topic.</summary>
    public required string SourceTopic { get; init; }

    /// <summary>The target topic.</summary>
    public required string TargetTopic { get; init; }

    /// <summary><c>partitions</c>, <c>replication.factor</c> or a topic config name.</summary>
    public required string Setting { get; init; }

    /// <summary>The value on the source; null when not readable.</summary>
    public string? SourceValue { get; init; }

    /// <summary>The value on the target; null when not readable.</summary>
    public string? TargetValue { get; init; }

    /// <summary>What MirrorMaker 2 does about it (synced, never synced and why).</summary>
    public required string Mm2 { get; init; }
}
