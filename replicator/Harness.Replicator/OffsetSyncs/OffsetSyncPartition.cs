namespace Harness.Replicator.OffsetSyncs;

/// <summary>
/// The offset-sync state of one source partition: MM2's emission rule, the latest sync waiting for the next commit,
/// and the sync due now. Locked per partition, so partitions never wait for each other and each partition's syncs
/// are written in order.
/// </summary>
internal sealed class OffsetSyncPartition(OffsetSyncWriter writer, string topic, int partition, long maxOffsetLag)
{
    private readonly OffsetSyncPartitionState _rule = new(maxOffsetLag);
    private (long Upstream, long Downstream)? _delayed;
    private (long Upstream, long Downstream)? _pending;

    public string Topic => topic;

    public int Partition => partition;

    internal Lock Gate { get; } = new();

    /// <summary>The target acknowledged source record <paramref name="upstreamOffset"/> at <paramref name="downstreamOffset"/>.</summary>
    public void Acknowledged(long upstreamOffset, long downstreamOffset)
    {
        lock (Gate)
        {
            if (!_rule.Update(upstreamOffset, downstreamOffset))
            {
                _delayed = (upstreamOffset, downstreamOffset);
                return;
            }

            _delayed = null;
            _pending = (upstreamOffset, downstreamOffset);
            writer.Write(this);
        }
    }

    /// <summary>At a commit: the latest sync, if it was waiting, becomes due.</summary>
    public void Promote()
    {
        lock (Gate)
        {
            if (_delayed is { } delayed)
            {
                _pending = delayed;
                _delayed = null;
            }

            writer.Write(this);
        }
    }

    /// <summary>Takes the due sync, if any (caller holds <see cref="Gate"/>).</summary>
    internal (long Upstream, long Downstream)? TakePending()
    {
        var pending = _pending;
        _pending = null;
        return pending;
    }

    /// <summary>Puts back a sync the producer could not take (caller holds <see cref="Gate"/>).</summary>
    internal void Requeue((long Upstream, long Downstream) sync) => _pending ??= sync;
}
