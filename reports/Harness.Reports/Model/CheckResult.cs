namespace Harness.Reports.Model;

/// <summary>The outcome of one verification check.</summary>
public sealed record CheckResult
{
    /// <summary>The check's name, unique within a run (for example "no-loss").</summary>
    public required string Name { get; init; }

    /// <summary>Whether the check passed.</summary>
    public required bool Passed { get; init; }

    /// <summary>What was measured, formatted for people (for example "3 lost").</summary>
    public string Measured { get; init; } = "";

    /// <summary>What the check expected, formatted for people (for example "0 lost").</summary>
    public string Expected { get; init; } = "";

    /// <summary>An explanation, mostly useful when the check failed; null when there is none.</summary>
    public string? Message { get; init; }
}
