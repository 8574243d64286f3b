namespace Harness.Engine.Apps;

/// <summary>
/// Everything one consumer app has read, per key: re-reads, records read out of produce order (key reordered) and,
/// against the producers' acknowledgements at the end, records never read. Members call it from their own threads.
/// Memory grows with keys and with gaps in what was read, not with records.
/// </summary>
internal sealed class ConsumerAppTracker(string app)
{
    private const int MaxExamples = 10;

    private readonly Lock _lock = new();
    private readonly Dictionary<StreamKey, KeyReadState> _keys = [];
    private readonly HashSet<StreamKey> _reorderedKeys = [];
    private readonly List<ReorderExample> _examples = [];
    private long _consumed;
    private long _consumedOnTarget;
    private long _reReads;
    private long _reReadsAcrossMove;
    private long _reordered;
    private long _stragglers;
    private long _maxLatencyMs;

    public string App { get; } = app;

    public long Consumed => Read(() => _consumed);

    public long ConsumedOnTarget => Read(() => _consumedOnTarget);

    public long ReReads => Read(() => _reReads);

    public long ReReadsAcrossMove => Read(() => _reReadsAcrossMove);

    public long Reordered => Read(() => _reordered);

    public int ReorderedKeys => Read(() => _reorderedKeys.Count);

    public long StragglersRead => Read(() => _stragglers);

    public long MaxLatencyMs => Read(() => _maxLatencyMs);

    public IReadOnlyList<ReorderExample> Examples => Read(() => _examples.ToList());

    /// <summary>Keys tracked: what the tracker's memory grows with.</summary>
    public int Keys => Read(() => _keys.Count);

    /// <summary>Range entries over all keys: the rest of what the memory grows with.</summary>
    public long Ranges => Read(() => _keys.Values.Sum(k => (long)k.Seen.RangeCount));

    public void Record(in AppStamp stamp, string sourceTopic, string key, int partition, long offset, bool onTarget, long nowMs)
    {
        lock (_lock)
        {
            if (stamp.Straggler)
            {
                _stragglers++;
                return;
            }

            _consumed++;
            if (onTarget)
            {
                _consumedOnTarget++;
            }

            var latency = (nowMs & 0x7fffffff) - stamp.ProducedMs;
            if (latency > _maxLatencyMs && latency < int.MaxValue / 2)
            {
                _maxLatencyMs = latency;
            }

            var id = new StreamKey(stamp.App, sourceTopic, stamp.Key);
            if (!_keys.TryGetValue(id, out var state))
            {
                _keys[id] = state = new KeyReadState();
            }

            if (!state.Seen.Add(stamp.Sequence))
            {
                _reReads++;
                if (onTarget && stamp.Sequence < state.ReadBeforeMove)
                {
                    _reReadsAcrossMove++;
                }

                return;
            }

            if (stamp.Sequence < state.Newest)
            {
                _reordered++;
                _reorderedKeys.Add(id);
                if (_examples.Count < MaxExamples)
                {
                    _examples.Add(new ReorderExample(sourceTopic, key, stamp.Sequence, state.Newest, partition, offset));
                }
            }
            else
            {
                state.Newest = stamp.Sequence;
            }
        }
    }

    /// <summary>Marks what was read so far as read on the source: later re-reads of it on the target cross the move.</summary>
    public void MarkMoved()
    {
        lock (_lock)
        {
            foreach (var state in _keys.Values)
            {
                state.ReadBeforeMove = state.Newest + 1;
            }
        }
    }

    /// <summary>Acknowledged records of <paramref name="produced"/> this app never read, with a few examples.</summary>
    public (long Missing, IReadOnlyList<string> Examples) Missing(IEnumerable<(StreamKey Key, Verification.SequenceRangeSet Acknowledged, string KeyText)> produced)
    {
        lock (_lock)
        {
            long missing = 0;
            var examples = new List<string>();
            foreach (var (key, acknowledged, text) in produced)
            {
                _keys.TryGetValue(key, out var state);
                var unread = acknowledged.Count - (state is null ? 0 : RangeOverlap.Count(acknowledged, state.Seen));
                if (unread > 0 && examples.Count < MaxExamples)
                {
                    examples.Add($"{key.Topic} key {text}: {unread} unread");
                }

                missing += unread;
            }

            return (missing, examples);
        }
    }

    private T Read<T>(Func<T> read)
    {
        lock (_lock)
        {
            return read();
        }
    }
}
