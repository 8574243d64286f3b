namespace Harness.Engine.Verification;

/// <summary>
/// The parts of one record read on the target that <see cref="RecordClassifier"/> judges, as spans over wherever the
/// reader holds them (librdkafka's memory in the verifier, arrays in a test): a ref struct, so a record is handed over
/// without copying or allocating anything.
/// </summary>
/// <param name="topicIndex">The index of the target topic the record was read from, in the run's topic list.</param>
/// <param name="partition">The target partition it was read from.</param>
/// <param name="hasStamp">Whether the record carries a stamp at all: an empty stamp header is a damaged stamp, not none.</param>
/// <param name="stamp">The stamp's bytes, undecoded.</param>
/// <param name="key">The key, empty for a null key.</param>
/// <param name="hashedValue">The value bytes the stamp's content hash covers.</param>
/// <param name="timestampMs">The record's timestamp on the target.</param>
internal readonly ref struct ConsumedRecord(int topicIndex, int partition, bool hasStamp, ReadOnlySpan<byte> stamp, ReadOnlySpan<byte> key, ReadOnlySpan<byte> hashedValue, long timestampMs)
{
    public int TopicIndex { get; } = topicIndex;

    public int Partition { get; } = partition;

    public bool HasStamp { get; } = hasStamp;

    public ReadOnlySpan<byte> Stamp { get; } = stamp;

    public ReadOnlySpan<byte> Key { get; } = key;

    public ReadOnlySpan<byte> HashedValue { get; } = hashedValue;

    public long TimestampMs { get; } = timestampMs;
}
