namespace Harness.Engine.Verification;

/// <summary>
/// The reader's state of one target partition, found by array index from a record's topic and partition, so a record
/// costs no dictionary lookup: how far the partition was read, the parity charged with what is read in it and
/// its offset map.
/// </summary>
internal sealed class TargetCursor(int topicIndex, int partition, PartitionParity parity)
{
    public int TopicIndex { get; } = topicIndex;

    public int Partition { get; } = partition;

    /// <summary>The parity of the source partition this one mirrors; an extra partition the source lacks is charged to partition 0's.</summary>
    public PartitionParity Parity { get; } = parity;

    /// <summary>The next offset to read: one past the last record read, or the end offset librdkafka reported.</summary>
    public long Position { get; set; }

    /// <summary>This partition's offset map, once a good record was read in it.</summary>
    public TargetPartitionMap? Map { get; set; }
}
