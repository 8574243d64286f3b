namespace Harness.Replicator.Metrics;

/// <summary>
/// Latency samples of one metric (MM2 records value, min, max and avg of each): lock-free to record from
/// client callback threads, read a window at a time by the sampler.
/// </summary>
internal sealed class LatencyStat
{
    private long _count;
    private long _sum;
    private long _min = long.MaxValue;
    private long _max = long.MinValue;
    private long _last = -1;

    public void Record(long milliseconds)
    {
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, milliseconds);
        Volatile.Write(ref _last, milliseconds);
        long current;
        while (milliseconds > (current = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, milliseconds, current) != current)
        {
        }

        while (milliseconds < (current = Volatile.Read(ref _min)) && Interlocked.CompareExchange(ref _min, milliseconds, current) != current)
        {
        }
    }

    /// <summary>What was recorded since the previous call; the stat starts a new window.</summary>
    public LatencyWindow Rotate()
    {
        var count = Interlocked.Exchange(ref _count, 0);
        var sum = Interlocked.Exchange(ref _sum, 0);
        var min = Interlocked.Exchange(ref _min, long.MaxValue);
        var max = Interlocked.Exchange(ref _max, long.MinValue);
        var last = Volatile.Read(ref _last);
        return count == 0
            ? new LatencyWindow(0, 0, 0, 0, Math.Max(last, 0))
            : new LatencyWindow(count, (double)sum / count, min == long.MaxValue ? 0 : min, max == long.MinValue ? 0 : max, last);
    }
}
