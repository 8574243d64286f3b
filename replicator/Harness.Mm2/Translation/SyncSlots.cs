using Harness.Mm2.Records;

namespace Harness.Mm2.Translation;

/// <summary>
/// The offset syncs MM2 (3.5 and later, KAFKA-14666 / KAFKA-15202) keeps for one source partition: a fixed
/// number of slots, slot 0 the latest sync and each later slot an older one, spaced roughly exponentially.
/// </summary>
/// <remarks>
/// <para>Rules, with <c>u(i)</c> the upstream offset of the sync in slot <c>i</c>; two slots holding the very same
/// sync count as one and the rules do not apply between them:</para>
/// <list type="bullet">
/// <item><description>A (latest): slot 0 holds the latest sync added.</description></item>
/// <item><description>B (recent enough): for slots <c>i &lt; j</c>, <c>u(i) &lt;= u(j) + 2^j - 2^i</c>, so slot
/// <c>j</c> is never more than <c>2^j - 1</c> offsets behind the latest sync.</description></item>
/// <item><description>C (spread out): for slots <c>i &lt; j</c>, <c>u(i) &gt;= u(j) + 2^max(i-2, 0)</c>, so
/// distinct syncs in later slots are far enough apart to be worth a slot.</description></item>
/// </list>
/// <para>Both rules hold for all pairs once they hold for neighbours, which is why an update only walks the slots
/// once: it puts the new sync in slot 0, then, from slot 1 on, stops at the first slot whose sync still satisfies B
/// against the slot before it; a slot that fails B takes the best candidate carried down so far. Candidates are the
/// syncs the slots held before the update, tried oldest-last: one is carried down when it satisfies B and C against
/// the slot before and C against the slot after, so an older sync survives by moving to a later slot instead of
/// being dropped. A candidate that repeats the next one, or is too close to the slot before (C only gets stricter
/// further down), is passed over for good. Whatever is neither kept in place nor carried down is gone.</para>
/// <para>Identity matters, as it does in Kafka: the same record synced twice (a replicator restart) gives two
/// syncs that share an upstream offset; the newer one sits in a lower slot and wins every lookup.</para>
/// </remarks>
internal sealed class SyncSlots
{
    /// <summary>One slot per bit of a 64-bit offset, as Kafka keeps.</summary>
    public const int Count = 64;

    private readonly OffsetSync[] _slots = new OffsetSync[Count];

    /// <summary>Starts with every slot holding <paramref name="first"/>.</summary>
    public SyncSlots(OffsetSync first) => Reset(first);

    public IReadOnlyList<OffsetSync> Slots => _slots;

    /// <summary>Forgets every sync but <paramref name="sync"/>.</summary>
    public void Reset(OffsetSync sync) => Array.Fill(_slots, sync);

    /// <summary>Takes a sync newer than every one held; a sync behind the latest (a rewound source) resets.</summary>
    public void Add(OffsetSync sync)
    {
        if (sync.UpstreamOffset < _slots[0].UpstreamOffset)
        {
            // The source went backwards: what the older syncs say no longer holds.
            Reset(sync);
            return;
        }

        var before = (OffsetSync[])_slots.Clone();
        _slots[0] = sync;
        var carried = sync;
        var candidate = 0;
        for (var slot = 1; slot < Count; slot++)
        {
            var newer = _slots[slot - 1];
            bool passOver;
            do
            {
                var old = before[candidate];
                var farFromNewer = SpreadOut(newer, old, slot - 1);
                var fits = RecentEnough(newer, old, slot - 1, slot)
                    && farFromNewer
                    && (slot + 1 == Count || SpreadOut(old, _slots[slot + 1], slot));
                if (fits)
                {
                    carried = old;
                }

                passOver = !farFromNewer || (candidate + 1 < Count && ReferenceEquals(old, before[candidate + 1]));
                if (fits || passOver)
                {
                    candidate++;
                }
            }
            while (passOver && candidate < slot);

            if (RecentEnough(newer, _slots[slot], slot - 1, slot))
            {
                // The rest of the slots were valid before and nothing they are compared with changed.
                return;
            }

            _slots[slot] = carried;
        }
    }

    /// <summary>The sync in the lowest slot whose upstream offset is at or before <paramref name="upstreamOffset"/>.</summary>
    public OffsetSync? LatestAtOrBefore(long upstreamOffset)
    {
        foreach (var sync in _slots)
        {
            if (sync.UpstreamOffset <= upstreamOffset)
            {
                return sync;
            }
        }

        return null;
    }

    /// <summary>The distinct syncs held, oldest first.</summary>
    public IReadOnlyList<OffsetSync> Distinct()
    {
        var distinct = new List<OffsetSync>();
        for (var slot = Count - 1; slot >= 0; slot--)
        {
            if (slot == Count - 1 || !ReferenceEquals(_slots[slot], _slots[slot + 1]))
            {
                distinct.Add(_slots[slot]);
            }
        }

        return distinct;
    }

    /// <summary>Rule B between the sync in slot <paramref name="i"/> and the older one in slot <paramref name="j"/>.</summary>
    internal static bool RecentEnough(OffsetSync newer, OffsetSync older, int i, int j)
    {
        // Wrapping arithmetic as in Kafka: a bound past long.MaxValue reads as negative and means "no limit".
        var bound = unchecked(older.UpstreamOffset + (1L << j) - (1L << i));
        return ReferenceEquals(newer, older) || bound < 0 || newer.UpstreamOffset <= bound;
    }

    /// <summary>Rule C between the sync in slot <paramref name="i"/> and an older one in a later slot.</summary>
    internal static bool SpreadOut(OffsetSync newer, OffsetSync older, int i)
    {
        var bound = unchecked(older.UpstreamOffset + (1L << Math.Max(i - 2, 0)));
        return ReferenceEquals(newer, older) || (bound >= 0 && newer.UpstreamOffset >= bound);
    }
}
