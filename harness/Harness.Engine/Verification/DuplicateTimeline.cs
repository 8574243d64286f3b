using System.Collections;

namespace Harness.Engine.Verification;

/// <summary>
/// When duplicates were read, in run seconds, kept as counts per 10 ms tick: a replicator that re-copies after a crash
/// writes its duplicates in bursts, so a run with millions of them holds a few thousand ticks, not a time per record.
/// Read as the list of every duplicate's time (at its tick's start), which is what the fault measurements count in.
/// </summary>
public sealed class DuplicateTimeline : IReadOnlyList<double>
{
    private const double TicksPerSecond = 100;
    private readonly List<(long Tick, long Count)> _ticks = [];

    /// <summary>Duplicates booked.</summary>
    public int Count { get; private set; }

    /// <summary>Ticks held: what the timeline's memory grows with.</summary>
    public int TickCount => _ticks.Count;

    /// <summary>The time of the <paramref name="index"/>th duplicate, in run seconds.</summary>
    public double this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            long passed = 0;
            foreach (var (tick, count) in _ticks)
            {
                passed += count;
                if (index < passed)
                {
                    return tick / TicksPerSecond;
                }
            }

            throw new InvalidOperationException("unreachable: the index is below the count");
        }
    }

    /// <summary>Books a duplicate read at <paramref name="seconds"/> (run seconds, never decreasing).</summary>
    public void Add(double seconds)
    {
        var tick = (long)Math.Floor(seconds * TicksPerSecond);
        if (_ticks.Count > 0 && _ticks[^1].Tick >= tick)
        {
            _ticks[^1] = (_ticks[^1].Tick, _ticks[^1].Count + 1);
        }
        else
        {
            _ticks.Add((tick, 1));
        }

        Count++;
    }

    /// <summary>A copy that the verifier's thread no longer writes to.</summary>
    public DuplicateTimeline Snapshot()
    {
        var copy = new DuplicateTimeline { Count = Count };
        copy._ticks.AddRange(_ticks);
        return copy;
    }

    public IEnumerator<double> GetEnumerator()
    {
        foreach (var (tick, count) in _ticks)
        {
            for (long i = 0; i < count; i++)
            {
                yield return tick / TicksPerSecond;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
