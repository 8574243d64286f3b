using Harness.Mm2.Records;

namespace Harness.Mm2.Translation;

/// <summary>
/// The retained offset syncs of one source partition, oldest first, with strictly increasing upstream offsets.
/// </summary>
internal sealed class SyncHistory
{
    private readonly List<OffsetSync> _syncs = [];

    public IReadOnlyList<OffsetSync> Syncs => _syncs;

    public void Add(OffsetSync sync)
    {
        if (_syncs.Count == 0)
        {
            _syncs.Add(sync);
            return;
        }

        var latest = _syncs[^1];
        if (sync.UpstreamOffset < latest.UpstreamOffset)
        {
            // The source partition went backwards (truncation, a recreated topic, a replicator replaying from an
            // older position): what the old syncs describe no longer holds, so start over as Kafka does.
            _syncs.Clear();
            _syncs.Add(sync);
            return;
        }

        if (sync.UpstreamOffset == latest.UpstreamOffset)
        {
            // The same source record written again (a replicator restart): its newest copy is the one that
            // later records follow.
            _syncs[^1] = sync;
            return;
        }

        _syncs.Add(sync);
        Thin();
    }

    /// <summary>The latest retained sync at or before <paramref name="upstreamOffset"/>, or null.</summary>
    public OffsetSync? LatestAtOrBefore(long upstreamOffset)
    {
        var low = 0;
        var high = _syncs.Count - 1;
        OffsetSync? found = null;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (_syncs[middle].UpstreamOffset <= upstreamOffset)
            {
                found = _syncs[middle];
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    /// <summary>
    /// Drops a sync when the gap it leaves, between its older neighbour and the next newer retained sync, is at
    /// most half the distance from that newer sync to the latest. Whoever falls in such a gap lags the latest sync
    /// by at least twice the gap, so losing precision there costs at most half their lag, while the retained
    /// distances grow geometrically and the count stays logarithmic. The latest two syncs and the oldest are
    /// always kept.
    /// </summary>
    private void Thin()
    {
        var latest = _syncs[^1].UpstreamOffset;
        var newer = _syncs[^1].UpstreamOffset;
        for (var i = _syncs.Count - 2; i >= 1; i--)
        {
            var gapIfRemoved = newer - _syncs[i - 1].UpstreamOffset;
            if (gapIfRemoved <= (latest - newer) / 2)
            {
                _syncs.RemoveAt(i);
            }
            else
            {
                newer = _syncs[i].UpstreamOffset;
            }
        }
    }
}
