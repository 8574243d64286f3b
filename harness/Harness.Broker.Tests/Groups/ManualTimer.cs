namespace Harness.Broker.Tests.Groups;

/// <summary>A timer of <see cref="ManualTimeProvider"/>: it only fires when the test advances the clock.</summary>
internal sealed class ManualTimer : ITimer
{
    private readonly ManualTimeProvider _time;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private readonly object _lock = new();
    private TimeSpan _period = Timeout.InfiniteTimeSpan;
    private DateTimeOffset? _due;

    public ManualTimer(ManualTimeProvider time, TimerCallback callback, object? state)
    {
        _time = time;
        _callback = callback;
        _state = state;
    }

    public DateTimeOffset? Due
    {
        get
        {
            lock (_lock)
            {
                return _due;
            }
        }
    }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            _period = period;
            _due = dueTime == Timeout.InfiniteTimeSpan ? null : _time.GetUtcNow() + dueTime;
        }

        return true;
    }

    internal void Fire()
    {
        lock (_lock)
        {
            _due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : _due + _period;
        }

        _callback(_state);
    }

    public void Dispose() => _time.Forget(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
