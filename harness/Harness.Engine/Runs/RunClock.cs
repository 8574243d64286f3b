namespace Harness.Engine.Runs;

/// <summary>
/// Time since a start, read from a <see cref="TimeProvider"/> instead of a <see cref="System.Diagnostics.Stopwatch"/>,
/// so deadlines, schedules and intervals counted from that start can run on a fake clock in tests. With
/// <see cref="TimeProvider.System"/> it reads the same counters a stopwatch and <see cref="DateTimeOffset.UtcNow"/> do.
/// </summary>
public sealed class RunClock
{
    private readonly long _start;

    /// <summary>Starts counting now on <paramref name="time"/>.</summary>
    /// <param name="time">The clock to read; <see cref="TimeProvider.System"/> in production.</param>
    public RunClock(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        _start = time.GetTimestamp();
    }

    /// <summary>The clock this one reads, for waits (<c>Task.Delay(…, Time)</c>) that must move with it.</summary>
    public TimeProvider Time { get; }

    /// <summary>Time since this clock was started.</summary>
    public TimeSpan Elapsed => Time.GetElapsedTime(_start);

    /// <summary>The wall-clock time now, as the same clock has it.</summary>
    public DateTimeOffset UtcNow => Time.GetUtcNow();
}
