using Harness.Engine.Verification;

namespace Harness.Engine.Apps;

/// <summary>
/// The acknowledgements of one app producer, per key (as ranges of the key's sequences) and, for the records it wrote
/// to the target, per target partition: those are no replication, so the lag of a moved topic leaves them out.
/// </summary>
internal sealed class ProducedKeys
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, SequenceRangeSet> _acknowledged = [];
    private readonly Dictionary<int, long> _onTarget = [];
    private long _failed;
    private long _acknowledgedCount;
    private long _acknowledgedOnTarget;

    public long Acknowledged => Read(() => _acknowledgedCount);

    public long AcknowledgedOnTarget => Read(() => _acknowledgedOnTarget);

    public long Failed => Read(() => _failed);

    public void Acknowledge(int key, long sequence, int partition, bool onTarget)
    {
        lock (_lock)
        {
            if (!_acknowledged.TryGetValue(key, out var set))
            {
                _acknowledged[key] = set = new SequenceRangeSet();
            }

            if (set.Add(sequence))
            {
                _acknowledgedCount++;
                if (onTarget)
                {
                    _acknowledgedOnTarget++;
                    _onTarget[partition] = _onTarget.GetValueOrDefault(partition) + 1;
                }
            }
        }
    }

    public void Fail()
    {
        lock (_lock)
        {
            _failed++;
        }
    }

    /// <summary>Records acknowledged by the target on <paramref name="partition"/>.</summary>
    public long OnTarget(int partition) => Read(() => _onTarget.GetValueOrDefault(partition));

    public IReadOnlyList<(int Key, SequenceRangeSet Acknowledged)> Keys() => Read(() => _acknowledged.Select(k => (k.Key, k.Value)).ToList());

    private T Read<T>(Func<T> read)
    {
        lock (_lock)
        {
            return read();
        }
    }
}
