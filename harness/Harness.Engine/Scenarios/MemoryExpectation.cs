namespace Harness.Engine.Scenarios;

/// <summary>
/// What a scenario expects of the harness's memory over the run (<c>expect.memory</c>): with a bound, the check
/// "memory flat" wants the least-squares slope of the harness process's RSS over the second half of the run's samples at
/// most <see cref="MaxSlopeMiBPerMinute"/>. No check by default.
/// </summary>
public sealed record MemoryExpectation
{
    /// <summary>No memory check.</summary>
    public static MemoryExpectation None { get; } = new();

    /// <summary>The steepest tolerated RSS growth over the second half of the run, in MiB per minute; no check when null.</summary>
    public double? MaxSlopeMiBPerMinute { get; init; }
}
