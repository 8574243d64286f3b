namespace Harness.Engine.Scenarios;

/// <summary>A loaded, validated scenario file: everything a run needs to know. Build one with <see cref="ScenarioLoader"/>.</summary>
public sealed record Scenario
{
    /// <summary>The scenario's name, used in reports.</summary>
    public required string Name { get; init; }

    /// <summary>What the scenario exercises, if it says.</summary>
    public string? Description { get; init; }

    /// <summary>The seed for keys, sizes and schedules, or <see langword="null"/> for the runner to pick (and report) one.</summary>
    public int? Seed { get; init; }

    /// <summary>The source and target clusters.</summary>
    public required ClustersSpec Clusters { get; init; }

    /// <summary>The source topics and their load; at least one.</summary>
    public required IReadOnlyList<TopicSpec> Topics { get; init; }

    /// <summary>The replicator under test.</summary>
    public required ReplicatorSpec Replicator { get; init; }

    /// <summary>Application consumer groups whose offsets must be translated.</summary>
    public IReadOnlyList<ConsumerSpec> Consumers { get; init; } = [];

    /// <summary>Live applications that run against the source and are moved by the <see cref="Cutover"/>.</summary>
    public IReadOnlyList<AppSpec> Apps { get; init; } = [];

    /// <summary>The cut-over timeline: steps that move apps to the target and take the replicator offline.</summary>
    public IReadOnlyList<CutoverStep> Cutover { get; init; } = [];

    /// <summary>
    /// Whether the scenario demonstrates a defect (<c>verdict: failed</c>): a ready scenario meant to fail, which tests
    /// and tools must not count as broken when it does.
    /// </summary>
    public bool ExpectsFailure { get; init; }

    /// <summary>Scheduled faults.</summary>
    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];

    /// <summary>What the verifier accepts.</summary>
    public ExpectSpec Expect { get; init; } = ExpectSpec.Default;

    /// <summary>
    /// The <c>topicPrefix</c> as written (such as <c>rehearsal-{runId}-</c>), or <see langword="null"/>: a run puts it,
    /// expanded, in front of every topic and group name (<see cref="TopicPrefix"/>).
    /// </summary>
    public string? TopicPrefix { get; init; }

    /// <summary>
    /// The expanded prefix once a run has applied <see cref="TopicPrefix"/>, so every name in this scenario is final;
    /// <see langword="null"/> before, or when the scenario has none.
    /// </summary>
    public string? AppliedPrefix { get; init; }

    /// <summary>How <c>harness run --duration</c> stretched the scenario's times, or null as written.</summary>
    public DurationStretch? Stretch { get; init; }

    /// <summary>The file the scenario was loaded from, as given, or the source name it was parsed under.</summary>
    public string? Source { get; init; }
}
