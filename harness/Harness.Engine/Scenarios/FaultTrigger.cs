namespace Harness.Engine.Scenarios;

/// <summary>When a fault starts (<c>faults[].at</c>): at a time into the load, or after a number of records.</summary>
public sealed record FaultTrigger
{
    private FaultTrigger(TimeSpan? time, long? afterRecords)
    {
        Time = time;
        AfterRecords = afterRecords;
    }

    /// <summary>Time since the load started, for a time trigger.</summary>
    public TimeSpan? Time { get; }

    /// <summary>Records acknowledged across all topics, for a count trigger (<c>after 50000 records</c>).</summary>
    public long? AfterRecords { get; }

    /// <summary>A trigger at a time into the load.</summary>
    /// <param name="time">Zero or later.</param>
    public static FaultTrigger AtTime(TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        return new FaultTrigger(time, null);
    }

    /// <summary>A trigger once <paramref name="records"/> records have been acknowledged across all topics.</summary>
    /// <param name="records">Zero or more.</param>
    public static FaultTrigger AfterRecordCount(long records)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        return new FaultTrigger(null, records);
    }

    /// <summary>The trigger as a scenario writes it: <c>30s</c> or <c>after 50000 records</c>.</summary>
    public override string ToString() =>
        Time is { } time ? ScalarFormats.FormatDuration(time) : $"after {AfterRecords} records";
}
