namespace Harness.Engine.Capture;

/// <summary>Everything <see cref="ClusterCapture"/> learnt about a cluster; <see cref="ProfileScenarioWriter"/> turns it into a scenario.</summary>
public sealed record ClusterProfile
{
    /// <summary>The bootstrap servers captured from.</summary>
    public required string Bootstrap { get; init; }

    /// <summary>When the window ended.</summary>
    public required DateTimeOffset CapturedAt { get; init; }

    /// <summary>The window rates were measured over.</summary>
    public required TimeSpan Window { get; init; }

    /// <summary>Records sampled per topic at most.</summary>
    public required int SampleLimit { get; init; }

    /// <summary>Brokers in the cluster's metadata.</summary>
    public required int Brokers { get; init; }

    /// <summary>The captured topics, by name.</summary>
    public required IReadOnlyList<TopicProfile> Topics { get; init; }

    /// <summary>Internal topics left out (the group offsets and transaction logs, MirrorMaker 2's own topics).</summary>
    public IReadOnlyList<string> SkippedTopics { get; init; } = [];

    /// <summary>Consumer groups with committed offsets on captured topics, by id.</summary>
    public required IReadOnlyList<GroupProfile> Groups { get; init; }
}
