using System.Text.Json.Serialization;
using Harness.Reports.Json;

namespace Harness.Reports.Model;

/// <summary>
/// Everything known about one rehearsal run: the single model every report writer renders. Immutable; lists are
/// never null. The JSON form is versioned by <see cref="SchemaVersion"/>.
/// </summary>
public sealed record RunResult
{
    /// <summary>The schema version this library writes. Readers accept any 1.x.</summary>
    public const string CurrentSchemaVersion = "1.5";

    /// <summary>The schema version of this result; <see cref="CurrentSchemaVersion"/> unless read from a file.</summary>
    public string SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The run id; also stamped into every produced record.</summary>
    public required string RunId { get; init; }

    /// <summary>The scenario that was run.</summary>
    public required ScenarioInfo Scenario { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>When the run finished or was interrupted (UTC).</summary>
    public required DateTimeOffset FinishedUtc { get; init; }

    /// <summary>How long the run took. Written to JSON as <c>durationSeconds</c>, with millisecond precision.</summary>
    [JsonPropertyName("durationSeconds")]
    [JsonConverter(typeof(SecondsTimeSpanConverter))]
    public required TimeSpan Duration { get; init; }

    /// <summary>Whether the run was interrupted (for example by Ctrl-C), so the figures cover only part of it.</summary>
    public bool Partial { get; init; }

    /// <summary>Why the run is partial; null when it is not.</summary>
    public string? PartialReason { get; init; }

    /// <summary>The overall verdict.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>What went wrong when <see cref="Verdict"/> is <see cref="Verdict.Error"/>; otherwise null.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Where and with what the run was carried out.</summary>
    public required RunEnvironment Environment { get; init; }

    /// <summary>The verification checks, in the order they ran.</summary>
    public IReadOnlyList<CheckResult> Checks { get; init; } = [];

    /// <summary>Per-partition parity rows; per-topic sums come from <see cref="TopicParity.Summarize"/>.</summary>
    public IReadOnlyList<PartitionParity> Parity { get; init; } = [];

    /// <summary>Whole-run replication latency percentiles; null when no latency was measured.</summary>
    public LatencySummary? Latency { get; init; }

    /// <summary>
    /// From each consumer group partition's commit on the source to the first checkpoint covering it on the target
    /// (schema 1.3); null when the run had no consumer groups or no checkpoint covered any.
    /// </summary>
    public LatencySummary? CheckpointLatency { get; init; }

    /// <summary>The service-level bounds the scenario set, each with its measured value (schema 1.3).</summary>
    public IReadOnlyList<ServiceLevelBound> ServiceLevels { get; init; } = [];

    /// <summary>The replicator's health as the watch saw it (schema 1.3); null when the replicator never ran under load.</summary>
    public ReplicatorHealth? ReplicatorHealth { get; init; }

    /// <summary>Consumer group offset translation rows.</summary>
    public IReadOnlyList<OffsetTranslationRow> OffsetTranslation { get; init; } = [];

    /// <summary>Switchover rehearsals, one per application consumer group (schema 1.1).</summary>
    public IReadOnlyList<SwitchoverResult> Switchover { get; init; } = [];

    /// <summary>Example records for each anomaly found (a bounded sample, not every anomaly).</summary>
    public IReadOnlyList<AnomalyExample> Anomalies { get; init; } = [];

    /// <summary>The Kafka Connect connectors the harness ran, with their states over time (schema 1.2; empty unless the replicator runs on Connect).</summary>
    public IReadOnlyList<ConnectorReport> Connectors { get; init; } = [];

    /// <summary>The faults injected, in start order.</summary>
    public IReadOnlyList<FaultEntry> Faults { get; init; } = [];

    /// <summary>
    /// For each cluster the harness did not start: what the run created there and what its cleanup deleted (added in
    /// 1.4; empty when both clusters were started by the harness).
    /// </summary>
    public IReadOnlyList<ClusterResources> Resources { get; init; } = [];

    /// <summary>The pre-flight checks made before the run created anything; null when the run ended before them.</summary>
    public PreflightReport? Preflight { get; init; }

    /// <summary>The live applications of a cut-over rehearsal; empty without <c>apps</c>.</summary>
    public IReadOnlyList<AppReport> Apps { get; init; } = [];

    /// <summary>The cut-over steps as they ran; empty without <c>cutover</c>.</summary>
    public IReadOnlyList<CutoverStepReport> Cutover { get; init; } = [];

    /// <summary>The sampled metrics and chart markers.</summary>
    public TimeSeries TimeSeries { get; init; } = TimeSeries.Empty;
}
