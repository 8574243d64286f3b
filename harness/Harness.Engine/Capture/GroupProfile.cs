namespace Harness.Engine.Capture;

/// <summary>A consumer group's committed position on the captured topics at the end of the window.</summary>
public sealed record GroupProfile
{
    /// <summary>The group id.</summary>
    public required string Group { get; init; }

    /// <summary>Captured topics the group has committed offsets for.</summary>
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>Committed offsets summed over the group's partitions.</summary>
    public required long Committed { get; init; }

    /// <summary>End offsets summed over the same partitions.</summary>
    public required long End { get; init; }

    /// <summary>Records the group has yet to consume: the sum of end minus committed.</summary>
    public required long Lag { get; init; }

    /// <summary>How far through its partitions the group is, committed / end, from 0 to 1.</summary>
    public double Progress => End <= 0 ? 1.0 : Math.Clamp((double)Committed / End, 0, 1);
}
