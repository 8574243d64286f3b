namespace Harness.Engine.Load.Model;

/// <summary>
/// Partitions for records without keys, chosen the way current Kafka clients choose them: a producer sticks to one
/// partition for a short window (librdkafka's <c>sticky.partitioning.linger.ms</c>, 10 ms) or until a batch is
/// full, then moves to another, so batches stay large however many partitions a topic has. Unlike a client's
/// choice, this one depends only on the record's ordinal, the schedule and the seed: the same scenario puts the
/// same records in the same partitions.
/// </summary>
/// <remarks>
/// Windows are measured on the schedule (when a record falls due), not on the clock, which is what keeps the
/// choice deterministic. A closed model has no schedule: its producers switch partition after each batch only.
/// </remarks>
public sealed class StickyPartitioner
{
    private readonly int _partitions;
    private readonly long _recordsPerBlock;
    private readonly ulong _seed;
    private readonly int _shareIndex;
    private readonly InjectionSchedule? _schedule;
    private long _window = -1;
    private long _windowStart;
    private long _windowEnd;

    /// <summary>Creates a partitioner for one producer.</summary>
    /// <param name="partitions">The topic's partitions; positive.</param>
    /// <param name="recordsPerBatch">Records that fill one producer batch; positive.</param>
    /// <param name="seed">A stream seed (see <see cref="DeterministicRandom.StreamSeed"/>).</param>
    /// <param name="schedule">The whole topic's schedule (not a share), or <see langword="null"/> for a closed model.</param>
    /// <param name="shareIndex">Which of the topic's producers this is, from zero.</param>
    /// <param name="shareCount">How many producers share the topic; positive.</param>
    public StickyPartitioner(int partitions, long recordsPerBatch, ulong seed, InjectionSchedule? schedule, int shareIndex = 0, int shareCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(recordsPerBatch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shareCount);
        ArgumentOutOfRangeException.ThrowIfNegative(shareIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shareIndex, shareCount);
        if (schedule is { ShareCount: not 1 })
        {
            throw new ArgumentException("The partitioner needs the whole topic's schedule, not a share.", nameof(schedule));
        }

        _partitions = partitions;

        // Each producer sends every shareCount-th ordinal, so its own batch spans shareCount times as many ordinals.
        _recordsPerBlock = recordsPerBatch * shareCount;
        _seed = seed;
        _shareIndex = shareIndex;
        _schedule = schedule;
    }

    /// <summary>How long a producer sticks to a partition at most: librdkafka's default sticky linger.</summary>
    public static TimeSpan Window { get; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The partition of record <paramref name="ordinal"/>; fastest when ordinals come in increasing order.</summary>
    /// <param name="ordinal">The record's position in its topic, from zero.</param>
    public int PartitionOf(long ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        long window = 0, offset = ordinal;
        if (_schedule is not null)
        {
            if (_window < 0 || ordinal < _windowStart || ordinal >= _windowEnd)
            {
                Locate(_schedule, ordinal);
            }

            window = _window;
            offset = ordinal - _windowStart;
        }

        var block = offset / _recordsPerBlock;
        var mixed = DeterministicRandom.Combine(DeterministicRandom.Combine(_seed, unchecked((ulong)window)), unchecked(((ulong)block << 8) ^ (ulong)_shareIndex));
        return (int)(mixed % (ulong)_partitions);
    }

    /// <summary>Records of <paramref name="averageRecordBytes"/> that fill a batch of <paramref name="batchBytes"/>; at least one.</summary>
    /// <param name="batchBytes">The producer's batch size.</param>
    /// <param name="averageRecordBytes">Key, value and headers of an average record.</param>
    public static long RecordsPerBatch(long batchBytes, double averageRecordBytes) =>
        Math.Max(1, (long)(batchBytes / Math.Max(1.0, averageRecordBytes)));

    private void Locate(InjectionSchedule schedule, long ordinal)
    {
        // Window w holds the records that fall due in (w * length, (w + 1) * length]: ordinals from
        // Due(w * length) up to Due((w + 1) * length). A record falls due at the first moment the count passes it.
        var due = schedule.WhenDue(ordinal + 1) ?? schedule.End;
        _window = Math.Max(0, (due.Ticks - 1) / Window.Ticks);
        _windowStart = Math.Min(ordinal, schedule.Due(TimeSpan.FromTicks(_window * Window.Ticks)));
        _windowEnd = Math.Max(ordinal + 1, schedule.Due(TimeSpan.FromTicks((_window + 1) * Window.Ticks)));
    }
}
