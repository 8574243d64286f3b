namespace Harness.Engine.Scenarios;

/// <summary>
/// An application consumer group whose committed offsets must survive the migration (<c>consumers[]</c>):
/// before the switchover it consumes <see cref="Progress"/> of each topic and commits, then the verifier
/// checks its translated offsets on the target.
/// </summary>
public sealed record ConsumerSpec
{
    /// <summary>The group id.</summary>
    public required string Group { get; init; }

    /// <summary>Source topics the group consumes; each names a declared topic.</summary>
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>How far through each partition the group has committed, from 0 to 1; 1 (caught up) by default.</summary>
    public double Progress { get; init; } = 1.0;

    /// <summary>Where the group is declared, for messages.</summary>
    public SourceLocation? Location { get; init; }
}
