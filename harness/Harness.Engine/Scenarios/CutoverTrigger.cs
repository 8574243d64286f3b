namespace Harness.Engine.Scenarios;

/// <summary>
/// When a cut-over step runs: once the previous step is done and, if given, a time into the load has passed
/// (<c>after</c>), the app topics' replication lag is at most <see cref="WhenLag"/> and at least
/// <see cref="WhenLagAtLeast"/>, and the replicator has
/// checkpointed every partition the app's group committed (<c>whenCheckpointed</c>).
/// </summary>
public sealed record CutoverTrigger
{
    /// <summary>Time since the load started.</summary>
    public TimeSpan? After { get; init; }

    /// <summary>Records the target is behind the source on the app topics, at most.</summary>
    public long? WhenLag { get; init; }

    /// <summary>
    /// Records the target is behind the source on the app topics, at least: a hot move made while the replicator
    /// provably still owes a tail, however slowly the steps before it ran.
    /// </summary>
    public long? WhenLagAtLeast { get; init; }

    /// <summary>The app whose group must be checkpointed up to its committed offsets.</summary>
    public string? WhenCheckpointed { get; init; }

    /// <summary>The trigger as the scenario writes it.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (After is { } after)
        {
            parts.Add("after " + ScalarFormats.FormatDuration(after));
        }

        if (WhenLag is { } lag)
        {
            parts.Add($"whenLag {lag}");
        }

        if (WhenLagAtLeast is { } least)
        {
            parts.Add($"whenLagAtLeast {least}");
        }

        if (WhenCheckpointed is { } app)
        {
            parts.Add("whenCheckpointed " + app);
        }

        return parts.Count == 0 ? "at once" : string.Join(", ", parts);
    }
}
