namespace Harness.Engine.Load;

/// <summary>Counts per whole second since a start; producers add whole batches, so the lock is taken per batch, not per record.</summary>
internal sealed class PerSecondSeries
{
    private readonly List<long> _seconds = [];
    private readonly object _lock = new();

    public void Add(TimeSpan elapsed, long count)
    {
        if (count == 0)
        {
            return;
        }

        var second = Math.Max(0, (int)Math.Floor(elapsed.TotalSeconds));
        lock (_lock)
        {
            while (_seconds.Count <= second)
            {
                _seconds.Add(0);
            }

            _seconds[second] += count;
        }
    }

    public long At(int second)
    {
        lock (_lock)
        {
            return second >= 0 && second < _seconds.Count ? _seconds[second] : 0;
        }
    }

    public long[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _seconds];
        }
    }
}
