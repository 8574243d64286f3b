namespace Harness.Engine.Scenarios;

/// <summary>
/// A scheduled fault (<c>faults[]</c>), kept generic for now: the action and its parameters as written.
/// The chaos engine interprets the parameters and reports what it cannot do on the chosen clusters.
/// </summary>
public sealed record FaultSpec
{
    /// <summary>When the fault starts.</summary>
    public required FaultTrigger At { get; init; }

    /// <summary>How long it lasts (<c>for</c>), or <see langword="null"/> for an instant action or one that lasts to the end.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>What the fault does.</summary>
    public required FaultAction Action { get; init; }

    /// <summary>
    /// The action's parameters as strings (<c>killBroker: {side: source, broker: 1}</c>); a plain value
    /// (<c>latency: 200ms</c>) is kept under the key <c>value</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>How soon replication must recover after this fault ends (<c>recoverWithin</c>); <c>expect.recovery.within</c> when null.</summary>
    public TimeSpan? RecoverWithin { get; init; }

    /// <summary>Where the fault is declared, for messages.</summary>
    public SourceLocation? Location { get; init; }
}
