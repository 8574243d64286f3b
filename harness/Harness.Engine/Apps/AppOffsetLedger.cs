using Harness.Engine.Verification;

namespace Harness.Engine.Apps;

/// <summary>
/// The offsets one app's members processed on the target, per partition, recorded before each is stored for commit:
/// a committed offset <c>o</c> is the app's own when it processed <c>o - 1</c>. Anything else in its group was put
/// there by someone else. Kept as ranges, so memory grows with gaps in what was read, not with records.
/// </summary>
internal sealed class AppOffsetLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Topic, int Partition), SequenceRangeSet> _processed = [];
    private volatile bool _joined;

    /// <summary>Whether a member has been assigned partitions on the target: the app is live in its group there.</summary>
    public bool Joined => _joined;

    public void MarkJoined() => _joined = true;

    public void Processed(string topic, int partition, long offset)
    {
        lock (_lock)
        {
            if (!_processed.TryGetValue((topic, partition), out var set))
            {
                _processed[(topic, partition)] = set = new SequenceRangeSet();
            }

            set.Add(offset);
        }
    }

    /// <summary>Whether the app itself could have committed <paramref name="committed"/>: it processed the record before it.</summary>
    public bool IsOwn(string topic, int partition, long committed)
    {
        lock (_lock)
        {
            return _processed.TryGetValue((topic, partition), out var set) && set.Contains(committed - 1);
        }
    }
}
