using Harness.Mm2.Records;

namespace Harness.Mm2.Translation;

/// <summary>
/// Translates a source consumer group's offset into the replicated partition from MM2 offset syncs, as Kafka's
/// <c>OffsetSyncStore</c> does: with the latest sync at or before the group's offset, the result is
/// <c>sync.DownstreamOffset + (groupOffset == sync.UpstreamOffset ? 0 : 1)</c>.
/// </summary>
/// <remarks>
/// <para>
/// The result is never ahead of the group's true position in the target: the sync's record sits at its downstream
/// offset, and every later source record, if replicated at all, lands after it. A group that is past the sync is
/// therefore placed just after the sync's record, which may re-deliver records but never skips one.
/// </para>
/// <para>
/// Where this class differs from Kafka, and why:
/// </para>
/// <list type="bullet">
/// <item><description>
/// Retention. Kafka keeps 64 slots per partition at roughly power-of-two distances behind the latest sync. This
/// class keeps the oldest sync, the latest two, and drops a sync only when a group falling in the resulting gap
/// loses at most half its lag behind the latest sync (see <see cref="RetainedSyncs"/>). Both keep memory
/// logarithmic in the offset range and both are never ahead, but they can pick different syncs for a lagging
/// group, so a translation here may differ from MM2's by a few offsets in either direction.
/// </description></item>
/// <item><description>
/// Start-up. Kafka translates nothing until it has read the offset-syncs topic to its end once, and (when its
/// checkpoints cannot be read back) keeps only the last sync of each partition from that first read, so that a
/// restart never yields a translation behind one it emitted before. This class has no notion of loading: it
/// translates from whatever it was given, and the caller decides when that is complete.
/// </description></item>
/// <item><description>
/// No translation. Kafka answers "empty" when it has no syncs for the partition and -1 (which the checkpoint task
/// then drops) when the group is behind the oldest retained sync. Both are <c>false</c> here.
/// </description></item>
/// <item><description>
/// Checkpoint monotonicity (not emitting a checkpoint that moves the target group backwards unless the source
/// group itself rewound) belongs to Kafka's checkpoint task, not its store, and is not done here either.
/// </description></item>
/// </list>
/// <para>Like Kafka's store, an offset sync whose upstream offset is below the partition's latest one discards
/// every earlier sync of that partition. Instances are not thread-safe.</para>
/// </remarks>
public sealed class OffsetTranslator
{
    private readonly Dictionary<TopicPartition, SyncHistory> _partitions = [];

    /// <summary>The source partitions that have at least one sync.</summary>
    public IReadOnlyCollection<TopicPartition> Partitions => _partitions.Keys;

    /// <summary>
    /// Records an offset sync. Syncs must be added in the order they appear in the offset-syncs topic.
    /// </summary>
    /// <param name="sync">The sync; its offsets must not be negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">An offset is negative.</exception>
    public void Add(OffsetSync sync)
    {
        ArgumentNullException.ThrowIfNull(sync);
        ArgumentOutOfRangeException.ThrowIfNegative(sync.UpstreamOffset, nameof(sync));
        ArgumentOutOfRangeException.ThrowIfNegative(sync.DownstreamOffset, nameof(sync));

        var topicPartition = sync.TopicPartition;
        if (!_partitions.TryGetValue(topicPartition, out var history))
        {
            history = new SyncHistory();
            _partitions.Add(topicPartition, history);
        }

        history.Add(sync);
    }

    /// <summary>Translates a source group offset into the replicated partition.</summary>
    /// <param name="topicPartition">The source topic-partition the group offset belongs to.</param>
    /// <param name="upstreamGroupOffset">The group's committed offset in the source partition.</param>
    /// <param name="downstreamOffset">The translated offset; -1 when the method returns false.</param>
    /// <returns>False when there is no retained sync at or before the group's offset.</returns>
    public bool TryTranslate(TopicPartition topicPartition, long upstreamGroupOffset, out long downstreamOffset)
    {
        ArgumentNullException.ThrowIfNull(topicPartition);
        var sync = _partitions.TryGetValue(topicPartition, out var history)
            ? history.LatestAtOrBefore(upstreamGroupOffset)
            : null;
        if (sync is null)
        {
            downstreamOffset = -1;
            return false;
        }

        // Only the sync's own record has a known position; anything past it may have been dropped or filtered
        // on the way, so one step past the sync is as far as is safe.
        downstreamOffset = sync.DownstreamOffset + (upstreamGroupOffset == sync.UpstreamOffset ? 0 : 1);
        return true;
    }

    /// <summary>
    /// The syncs currently kept for a partition, oldest first, with strictly increasing upstream offsets.
    /// </summary>
    /// <remarks>
    /// Retention guarantee: for any group offset <c>g</c> at or after the oldest retained sync, the sync used for
    /// translation is either the latest sync at or before <c>g</c> ever added (since the last rewind), or lies less
    /// than <c>(latest.UpstreamOffset - g) / 2</c> offsets before <c>g</c>.
    /// </remarks>
    public IReadOnlyList<OffsetSync> RetainedSyncs(TopicPartition topicPartition)
    {
        ArgumentNullException.ThrowIfNull(topicPartition);
        return _partitions.TryGetValue(topicPartition, out var history) ? [.. history.Syncs] : [];
    }
}
