namespace Harness.Engine.Scenarios;

/// <summary>
/// How soon replication must recover after each fault ends (<c>expect.recovery</c>), and how many duplicates one fault
/// may cause. A fault's own <c>recoverWithin</c> overrides <see cref="Within"/> for that fault.
/// </summary>
public sealed record RecoveryExpectation
{
    /// <summary>No bounds: recovery is reported per fault, not judged.</summary>
    public static RecoveryExpectation None { get; } = new();

    /// <summary>The time from a fault's end until replication flows and lag is back to its earlier level; unbounded when null.</summary>
    public TimeSpan? Within { get; init; }

    /// <summary>The duplicates one fault may cause (read between its start and its settling); unbounded when null.</summary>
    public long? DuplicatesPerFault { get; init; }
}
