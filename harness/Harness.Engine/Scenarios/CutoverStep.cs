namespace Harness.Engine.Scenarios;

/// <summary>One step of the cut-over timeline (<c>cutover[]</c>); steps run in order, each when its trigger holds.</summary>
public sealed record CutoverStep
{
    /// <summary>When the step runs.</summary>
    public required CutoverTrigger Trigger { get; init; }

    /// <summary>What it does.</summary>
    public required CutoverAction Action { get; init; }

    /// <summary>The apps it moves (none for <see cref="CutoverAction.StopReplicator"/>).</summary>
    public IReadOnlyList<string> Apps { get; init; } = [];

    /// <summary>Where moved consumers start.</summary>
    public ConsumerStart Start { get; init; } = ConsumerStart.Translated;

    /// <summary>How producers move.</summary>
    public ProducerMoveStrategy Strategy { get; init; } = ProducerMoveStrategy.Drain;

    /// <summary>How long a drain (or a condition) may take before the step gives up and goes ahead anyway.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the step is declared, for messages.</summary>
    public SourceLocation? Location { get; init; }
}
