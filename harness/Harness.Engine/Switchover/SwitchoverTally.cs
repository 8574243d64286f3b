using Harness.Engine.Load;

namespace Harness.Engine.Switchover;

/// <summary>
/// The check of a switchover rehearsal without any cluster: fed every record a consumer read on the target (by its
/// stamp's stream and sequence), it tells per source partition which records the group had not consumed on the
/// source were never read (missing) and how often already-consumed records were read again (re-read).
/// </summary>
internal sealed class SwitchoverTally
{
    private readonly IReadOnlyDictionary<(string Topic, int Partition), long> _committed;
    private readonly Dictionary<LedgerKey, SwitchoverStream> _streams = [];

    /// <summary>
    /// Creates the tally of a group that committed <paramref name="committed"/> (source offsets) against
    /// <paramref name="ledger"/>; <paramref name="latestOfKeys"/> holds, per compacted source topic, the latest record of
    /// every key, the only records of such a topic a consumer can miss.
    /// </summary>
    public SwitchoverTally(IReadOnlyDictionary<(string Topic, int Partition), long> committed, Ledger ledger,
        IReadOnlyDictionary<string, IReadOnlySet<(LedgerKey Stream, long Sequence)>>? latestOfKeys = null)
    {
        _committed = committed;
        foreach (var (key, partition) in ledger.Entries)
        {
            if (committed.TryGetValue((key.Topic, key.Partition), out var offset))
            {
                var latest = latestOfKeys?.GetValueOrDefault(key.Topic)?.Where(l => l.Stream == key).Select(l => l.Sequence);
                _streams[key] = new SwitchoverStream(partition.Ranges, offset, latest);
            }
        }
    }

    /// <summary>Records read that belong to none of the group's source partitions (another topic's, or unstamped).</summary>
    public long Foreign { get; private set; }

    /// <summary>Counts a record read on the target, identified by its stamp.</summary>
    public void Observe(LedgerKey stream, long sequence)
    {
        if (_streams.TryGetValue(stream, out var tally))
        {
            tally.Observe(sequence);
        }
        else
        {
            Foreign++;
        }
    }

    /// <summary>Counts a record that could not be attributed to any stream.</summary>
    public void ObserveForeign() => Foreign++;

    /// <summary>Ranges held for what was read, over all streams: the tally's memory apart from the ledger's.</summary>
    public int ReadRanges => _streams.Values.Sum(s => s.ReadRanges);

    /// <summary>The figures per source partition of the group, in topic and partition order.</summary>
    public IReadOnlyList<SwitchoverPartitionTally> Partitions() =>
        _committed.OrderBy(c => c.Key.Topic, StringComparer.Ordinal).ThenBy(c => c.Key.Partition).Select(c =>
        {
            var streams = _streams.Where(s => s.Key.Topic == c.Key.Topic && s.Key.Partition == c.Key.Partition).Select(s => s.Value).ToList();
            return new SwitchoverPartitionTally(c.Key.Topic, c.Key.Partition, c.Value,
                streams.Sum(s => s.Unconsumed), streams.Sum(s => s.Missing), streams.Sum(s => s.ReRead));
        }).ToList();
}
