namespace Harness.Replicator.OffsetSyncs;

/// <summary>
/// MM2's rule for when a partition needs an offset sync now rather than at the next commit: the first record
/// of this task's lifetime, a downstream offset that has run <c>offset.lag.max</c> past the last sync (counting
/// the one offset translation adds), a gap in the upstream offsets, or a downstream offset that went backwards.
/// </summary>
internal sealed class OffsetSyncPartitionState(long maxOffsetLag)
{
    private long _previousUpstream = -1;
    private long _previousDownstream = -1;
    private long _lastSyncDownstream = -1;

    /// <summary>Takes one acknowledged record; true when its sync must be written now.</summary>
    public bool Update(long upstreamOffset, long downstreamOffset)
    {
        var first = _lastSyncDownstream == -1;
        // Translation places a group one past the sync, so staleness counts from lastSync + 1.
        var tooStale = downstreamOffset - (_lastSyncDownstream + 1) >= maxOffsetLag;
        var upstreamGap = upstreamOffset - _previousUpstream != 1;
        var downstreamRewound = downstreamOffset < _previousDownstream;
        _previousUpstream = upstreamOffset;
        _previousDownstream = downstreamOffset;
        if (first || tooStale || upstreamGap || downstreamRewound)
        {
            _lastSyncDownstream = downstreamOffset;
            return true;
        }

        return false;
    }
}
