namespace Harness.Broker.Groups;

/// <summary>A group's committed position in one partition, as OffsetFetch returns it.</summary>
internal sealed record CommittedOffset(long Offset, int LeaderEpoch, string Metadata, long CommitTimestampMs)
{
    /// <summary>What Kafka answers for a partition without a commit: offset -1 and empty metadata.</summary>
    public static CommittedOffset None { get; } = new(-1, -1, "", -1);
}
