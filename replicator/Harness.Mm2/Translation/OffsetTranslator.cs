using Harness.Mm2.Records;

namespace Harness.Mm2.Translation;

/// <summary>
/// Translates a source consumer group's offset into the replicated partition from MM2 offset syncs, as Kafka's
/// <c>OffsetSyncStore</c> does from 3.7.1 on: each partition keeps its syncs in <see cref="SyncSlots.Count"/>
/// exponentially spaced slots, and with the latest kept sync at or before the group's offset the result is
/// <c>sync.DownstreamOffset + (groupOffset == sync.UpstreamOffset ? 0 : 1)</c>.
/// </summary>
/// <remarks>
/// <para>
/// The result is never ahead of the group's true position in the target: the sync's record sits at its downstream
/// offset, and every later source record, if replicated at all, lands after it. A group that is past the sync is
/// therefore placed just after the sync's record, which may re-deliver records but never skips one. Because older
/// syncs are kept ever more sparsely, a group far behind the latest sync is translated from a much older one and
/// re-delivers more, exactly as a real MM2 would make it.
/// </para>
/// <para>
/// Loading (<see cref="InitialSyncLoad"/>): a translator that starts with an initial load translates nothing until
/// <see cref="CompleteInitialLoad"/>, as Kafka waits for its first read to the end of the offset-syncs topic.
/// </para>
/// <para>
/// Where Kafka answers -1 (the group is behind the oldest kept sync; the checkpoint task drops it) or "empty" (no
/// syncs, or still loading), this class returns <c>false</c>. Checkpoint monotonicity belongs to the checkpoint
/// task, not here. Instances are not thread-safe.
/// </para>
/// </remarks>
public sealed class OffsetTranslator
{
    private readonly Dictionary<TopicPartition, SyncSlots> _partitions = [];
    private readonly InitialSyncLoad _load;

    /// <summary>Creates a translator.</summary>
    /// <param name="load">How syncs read before <see cref="CompleteInitialLoad"/> are kept; <see cref="InitialSyncLoad.None"/> translates at once.</param>
    public OffsetTranslator(InitialSyncLoad load = InitialSyncLoad.None)
    {
        _load = load;
        Loaded = load == InitialSyncLoad.None;
    }

    /// <summary>Whether the initial load is over, so translations are available.</summary>
    public bool Loaded { get; private set; }

    /// <summary>The source partitions that have at least one sync.</summary>
    public IReadOnlyCollection<TopicPartition> Partitions => _partitions.Keys;

    /// <summary>Marks the end of the initial load: the offset-syncs topic has been read to its end once.</summary>
    public void CompleteInitialLoad() => Loaded = true;

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
        if (!_partitions.TryGetValue(topicPartition, out var slots))
        {
            _partitions.Add(topicPartition, new SyncSlots(sync));
        }
        else if (!Loaded && _load == InitialSyncLoad.LatestOnly)
        {
            // Without its earlier checkpoints the task cannot know which syncs a predecessor translated from, so
            // it keeps none older than the end of the topic and can never emit a translation behind an earlier one.
            slots.Reset(sync);
        }
        else
        {
            slots.Add(sync);
        }
    }

    /// <summary>Translates a source group offset into the replicated partition.</summary>
    /// <param name="topicPartition">The source topic-partition the group offset belongs to.</param>
    /// <param name="upstreamGroupOffset">The group's committed offset in the source partition.</param>
    /// <param name="downstreamOffset">The translated offset; -1 when the method returns false.</param>
    /// <returns>False while loading, and when no kept sync is at or before the group's offset.</returns>
    public bool TryTranslate(TopicPartition topicPartition, long upstreamGroupOffset, out long downstreamOffset)
    {
        ArgumentNullException.ThrowIfNull(topicPartition);
        var sync = Loaded && _partitions.TryGetValue(topicPartition, out var slots)
            ? slots.LatestAtOrBefore(upstreamGroupOffset)
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

    /// <summary>The distinct syncs currently kept for a partition, oldest first (upstream offsets never decrease).</summary>
    public IReadOnlyList<OffsetSync> RetainedSyncs(TopicPartition topicPartition)
    {
        ArgumentNullException.ThrowIfNull(topicPartition);
        return _partitions.TryGetValue(topicPartition, out var slots) ? slots.Distinct() : [];
    }

    /// <summary>
    /// The partition's <see cref="SyncSlots.Count"/> slots, slot 0 the latest sync (a copy; empty without syncs).
    /// A sync held by several neighbouring slots appears in each.
    /// </summary>
    public IReadOnlyList<OffsetSync> Slots(TopicPartition topicPartition)
    {
        ArgumentNullException.ThrowIfNull(topicPartition);
        return _partitions.TryGetValue(topicPartition, out var slots) ? [.. slots.Slots] : [];
    }
}
