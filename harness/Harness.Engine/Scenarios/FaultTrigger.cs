namespace Harness.Engine.Scenarios;

/// <summary>
/// When a fault starts (<c>faults[].at</c>): at a time into the load, after a number of records, or a time after a
/// cut-over step ended (<c>after moveProducers</c>, <c>2s after moveConsumers</c>).
/// </summary>
public sealed record FaultTrigger
{
    private FaultTrigger(TimeSpan? time, long? afterRecords, CutoverAction? afterStep)
    {
        Time = time;
        AfterRecords = afterRecords;
        AfterStep = afterStep;
    }

    /// <summary>
    /// Time since the load started, for a time trigger; for a step trigger, the time after the step ended.
    /// </summary>
    public TimeSpan? Time { get; }

    /// <summary>Records acknowledged across all topics, for a count trigger (<c>after 50000 records</c>).</summary>
    public long? AfterRecords { get; }

    /// <summary>
    /// The cut-over action whose first step anchors a step trigger: the fault starts <see cref="Time"/> after that step
    /// ended, however late its own trigger let it run.
    /// </summary>
    public CutoverAction? AfterStep { get; }

    /// <summary>A trigger at a time into the load.</summary>
    /// <param name="time">Zero or later.</param>
    public static FaultTrigger AtTime(TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        return new FaultTrigger(time, null, null);
    }

    /// <summary>A trigger once <paramref name="records"/> records have been acknowledged across all topics.</summary>
    /// <param name="records">Zero or more.</param>
    public static FaultTrigger AfterRecordCount(long records)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        return new FaultTrigger(null, records, null);
    }

    /// <summary>A trigger <paramref name="delay"/> after the scenario's first cut-over step doing <paramref name="action"/> ended.</summary>
    /// <param name="action">The step's action.</param>
    /// <param name="delay">Zero or later.</param>
    public static FaultTrigger AfterCutoverStep(CutoverAction action, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new FaultTrigger(delay, null, action);
    }

    /// <summary>The action's name as a scenario writes it: <c>moveProducers</c>.</summary>
    public static string StepName(CutoverAction action)
    {
        var name = action.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The trigger as a scenario writes it: <c>30s</c>, <c>after 50000 records</c> or <c>2s after moveProducers</c>.</summary>
    public override string ToString() => (Time, AfterRecords, AfterStep) switch
    {
        ({ } delay, _, { } step) => delay == TimeSpan.Zero ? $"after {StepName(step)}" : $"{ScalarFormats.FormatDuration(delay)} after {StepName(step)}",
        ({ } time, _, null) => ScalarFormats.FormatDuration(time),
        _ => $"after {AfterRecords} records",
    };
}
