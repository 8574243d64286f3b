using System.Collections;

namespace Harness.Broker.Tests.Faults;

/// <summary>
/// What a consumer saw of per-partition sequence numbers 0, 1, 2, ...: every record read again is a duplicate,
/// every record older than one already read is a reorder, and every acknowledged sequence never read is lost.
/// </summary>
internal sealed class SequenceChecker
{
    private readonly BitArray[] _seen;
    private readonly long[] _distinct;
    private readonly long[] _highest;

    public SequenceChecker(int partitions)
    {
        _seen = Enumerable.Range(0, partitions).Select(_ => new BitArray(1024)).ToArray();
        _distinct = new long[partitions];
        _highest = Enumerable.Repeat(-1L, partitions).ToArray();
    }

    public long Duplicated { get; private set; }

    public long Reordered { get; private set; }

    public long Distinct(int partition)
    {
        lock (_seen)
        {
            return _distinct[partition];
        }
    }

    public void Record(int partition, long sequence)
    {
        lock (_seen)
        {
            var seen = _seen[partition];
            if (sequence >= seen.Length)
            {
                seen.Length = (int)Math.Max(sequence + 1, seen.Length * 2L);
            }

            if (seen[(int)sequence])
            {
                Duplicated++;
                return;
            }

            if (sequence < _highest[partition])
            {
                Reordered++;
            }

            seen[(int)sequence] = true;
            _distinct[partition]++;
            _highest[partition] = Math.Max(_highest[partition], sequence);
        }
    }

    /// <summary>Acknowledged sequences (0 until <paramref name="acknowledged"/>) that were never read.</summary>
    public long Lost(int partition, long acknowledged)
    {
        lock (_seen)
        {
            var lost = 0L;
            for (var s = 0; s < acknowledged; s++)
            {
                if (s >= _seen[partition].Length || !_seen[partition][s])
                {
                    lost++;
                }
            }

            return lost;
        }
    }
}
