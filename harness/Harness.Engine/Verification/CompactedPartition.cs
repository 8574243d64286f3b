using System.Buffers.Text;
using Harness.Engine.Load;

namespace Harness.Engine.Verification;

/// <summary>
/// The per-key view of one partition of a compacted topic, fed with every sound copy read on the target. Compaction on
/// either side removes records superseded by a later one of their key, so what must hold is per key: the target's
/// latest record of each key is the source's latest (<see cref="Judge"/>), and a key's records arrive in source order.
/// Memory grows with keys, not records.
/// </summary>
/// <param name="sourceOffsetOf">The source offset of a stream's sequence from the ledger, -1 while it is not acknowledged.</param>
internal sealed class CompactedPartition(Func<LedgerKey, long, long> sourceOffsetOf)
{
    private static ReadOnlySpan<byte> KeyPrefix => "key-"u8;

    /// <summary>The latest copy read per key: the target's state of the key, as its compaction would keep it.</summary>
    private readonly Dictionary<long, KeyCopy> _latest = [];

    /// <summary>Per key, the copy furthest along in source order read so far, for the per-key order.</summary>
    private readonly Dictionary<long, KeyCopy> _furthest = [];

    /// <summary>Per stream, the highest sequence copied: read by the drain from another thread, under the lock.</summary>
    private readonly Dictionary<LedgerKey, long> _highest = [];
    private readonly object _lock = new();

    /// <summary>First copies that arrived after a later record of their key.</summary>
    public long KeysReordered { get; private set; }

    /// <summary>The key index of a harness key (<c>key-000123</c>); false for any other key.</summary>
    public static bool TryParseKey(ReadOnlySpan<byte> key, out long index)
    {
        index = 0;
        return key.StartsWith(KeyPrefix) && Utf8Parser.TryParse(key[KeyPrefix.Length..], out index, out var consumed) && consumed == key.Length - KeyPrefix.Length;
    }

    /// <summary>
    /// Feeds one sound copy in its home partition; <paramref name="firstCopy"/> is false for a duplicate, which changes
    /// the target's state of the key but says nothing of order. Returns true when the copy arrived after a later record
    /// of its key from another stream (within a stream, the sequence check already counts it as reordered).
    /// </summary>
    public bool Observe(long keyIndex, LedgerKey stream, long sequence, bool tombstone, long targetOffset, bool firstCopy)
    {
        var copy = new KeyCopy(stream, sequence, tombstone, targetOffset);
        _latest[keyIndex] = copy;
        lock (_lock)
        {
            if (!_highest.TryGetValue(stream, out var highest) || sequence > highest)
            {
                _highest[stream] = sequence;
            }
        }

        if (!firstCopy)
        {
            return false;
        }

        if (!_furthest.TryGetValue(keyIndex, out var furthest))
        {
            _furthest[keyIndex] = copy;
            return false;
        }

        if (furthest.Stream == stream)
        {
            if (sequence > furthest.Sequence)
            {
                _furthest[keyIndex] = copy;
            }

            return false;
        }

        // Offsets of two streams compare only once both are acknowledged; the replicator copies only what the source
        // holds, so an unacknowledged one is a moment away and the pair is left unjudged rather than guessed.
        var before = sourceOffsetOf(furthest.Stream, furthest.Sequence);
        var here = sourceOffsetOf(stream, sequence);
        if (before >= 0 && here >= 0 && here < before)
        {
            KeysReordered++;
            return true;
        }

        _furthest[keyIndex] = copy;
        return false;
    }

    /// <summary>
    /// One past the highest source offset copied (0 before any copy): a compacted source leaves gaps a dense copy does
    /// not have, so the target's end offset cannot be compared with the source's, but the source's last record, which
    /// compaction always keeps, has been copied when this reaches the source's end.
    /// </summary>
    public long CopiedEnd()
    {
        lock (_lock)
        {
            long end = 0;
            foreach (var (stream, sequence) in _highest)
            {
                end = Math.Max(end, sourceOffsetOf(stream, sequence) + 1);
            }

            return end;
        }
    }

    /// <summary>
    /// Compares the target's latest record of every key with the source's latest, which is the acknowledged record
    /// with the highest source offset among each producer's last record of the key (<paramref name="ledgers"/>). A key
    /// whose latest record is a tombstone may be absent from the target: a compacted target drops it in the end too.
    /// </summary>
    public KeyJudgement Judge(IEnumerable<(LedgerKey Stream, PartitionLedger Ledger)> ledgers)
    {
        var source = new Dictionary<long, (KeyCopy Copy, long Offset)>();
        foreach (var (stream, ledger) in ledgers)
        {
            foreach (var (key, sent) in ledger.LatestByKey)
            {
                // Never acknowledged: the source may not hold it, and the load's failed records are reported as such.
                var offset = ledger.OffsetOf(sent.Sequence);
                if (offset >= 0 && (!source.TryGetValue(key, out var known) || offset > known.Offset))
                {
                    source[key] = (new KeyCopy(stream, sent.Sequence, sent.Tombstone, offset), offset);
                }
            }
        }

        var defects = new List<KeyDefect>();
        var latest = new HashSet<(LedgerKey, long)>();
        foreach (var (key, (copy, _)) in source.OrderBy(s => s.Key))
        {
            latest.Add((copy.Stream, copy.Sequence));
            if (!_latest.TryGetValue(key, out var target))
            {
                if (!copy.Tombstone)
                {
                    defects.Add(new KeyDefect(key, AnomalyClass.KeyLost, copy, null));
                }
            }
            else if (target.Stream != copy.Stream || target.Sequence != copy.Sequence)
            {
                defects.Add(new KeyDefect(key, AnomalyClass.StaleKey, copy, target));
            }
        }

        return new KeyJudgement(source.Count, defects, latest);
    }
}
