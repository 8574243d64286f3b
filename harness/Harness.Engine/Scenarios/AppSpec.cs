namespace Harness.Engine.Scenarios;

/// <summary>
/// A live application (<c>apps[]</c>): consumers, producers or both, running against the source during the load
/// until the <c>cutover</c> moves them to the target.
/// </summary>
public sealed record AppSpec
{
    /// <summary>The app's name, which cut-over steps and faults refer to.</summary>
    public required string Name { get; init; }

    /// <summary>The app's consumer group, if it consumes.</summary>
    public AppConsumerSpec? Consumer { get; init; }

    /// <summary>The app's producers, if it produces.</summary>
    public AppProducerSpec? Producer { get; init; }

    /// <summary>Where the app is declared, for messages.</summary>
    public SourceLocation? Location { get; init; }
}
