namespace Harness.Mm2.Records;

/// <summary>
/// A record of MM2's checkpoints topic (<c>&lt;source&gt;.checkpoints.internal</c> in the target cluster): where a
/// source consumer group is, and the translated position in the replicated partition.
/// </summary>
/// <remarks>
/// Key: group STRING, topic STRING, partition INT32. Value: version INT16 (0), upstreamOffset INT64,
/// offset INT64, metadata STRING. <see cref="Topic"/> is the target-side (renamed) topic.
/// </remarks>
public sealed record Checkpoint
{
    /// <summary>The value version this library writes and the only one it reads.</summary>
    public const short Version = RecordVersion.Current;

    private const string KeyContext = "Checkpoint key";
    private const string ValueContext = "Checkpoint value";

    /// <summary>Creates a checkpoint.</summary>
    /// <param name="group">Consumer group id.</param>
    /// <param name="topic">Target-side topic name, as the replication policy renames it.</param>
    /// <param name="partition">Partition number.</param>
    /// <param name="upstreamOffset">The group's committed offset in the source partition.</param>
    /// <param name="downstreamOffset">The translated offset in the target partition.</param>
    /// <param name="metadata">The commit metadata of the source group offset (Kafka writes "" when there is none).</param>
    public Checkpoint(string group, string topic, int partition, long upstreamOffset, long downstreamOffset, string metadata)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(metadata);
        Group = group;
        Topic = topic;
        Partition = partition;
        UpstreamOffset = upstreamOffset;
        DownstreamOffset = downstreamOffset;
        Metadata = metadata;
    }

    /// <summary>Consumer group id.</summary>
    public string Group { get; }

    /// <summary>Target-side topic name.</summary>
    public string Topic { get; }

    /// <summary>Partition number.</summary>
    public int Partition { get; }

    /// <summary>Target-side topic and partition together.</summary>
    public TopicPartition TopicPartition => new(Topic, Partition);

    /// <summary>The group's committed offset in the source partition.</summary>
    public long UpstreamOffset { get; }

    /// <summary>The translated offset in the target partition (Kafka's field name is <c>offset</c>).</summary>
    public long DownstreamOffset { get; }

    /// <summary>Commit metadata carried over from the source group.</summary>
    public string Metadata { get; }

    /// <summary>Encodes the record key.</summary>
    /// <exception cref="Mm2FormatException">The group or topic cannot be encoded as a STRING.</exception>
    public byte[] SerializeKey()
    {
        var group = Utf8Field.Encode(Group, KeyContext, "group");
        var topic = Utf8Field.Encode(Topic, KeyContext, "topic");
        var bytes = new byte[Utf8Field.SizeOf(group) + Utf8Field.SizeOf(topic) + sizeof(int)];
        var writer = new StructWriter(bytes);
        writer.WriteString(group);
        writer.WriteString(topic);
        writer.WriteInt32(Partition);
        return bytes;
    }

    /// <summary>Encodes the record value, version 0.</summary>
    /// <exception cref="Mm2FormatException">The metadata cannot be encoded as a STRING.</exception>
    public byte[] SerializeValue()
    {
        var metadata = Utf8Field.Encode(Metadata, ValueContext, "metadata");
        var bytes = new byte[sizeof(short) + (2 * sizeof(long)) + Utf8Field.SizeOf(metadata)];
        var writer = new StructWriter(bytes);
        writer.WriteInt16(Version);
        writer.WriteInt64(UpstreamOffset);
        writer.WriteInt64(DownstreamOffset);
        writer.WriteString(metadata);
        return bytes;
    }

    /// <summary>
    /// Decodes a record. A value version other than 0 is rejected; bytes after the last field of the key or the
    /// value are ignored, as Kafka ignores them.
    /// </summary>
    /// <exception cref="Mm2FormatException">The key or value is truncated, malformed or of another version.</exception>
    public static Checkpoint Deserialize(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var keyReader = new StructReader(key, KeyContext);
        var group = keyReader.ReadString("group");
        var topic = keyReader.ReadString("topic");
        var partition = keyReader.ReadInt32("partition");

        var valueReader = new StructReader(value, ValueContext);
        RecordVersion.Read(ref valueReader, ValueContext);
        var upstreamOffset = valueReader.ReadInt64("upstreamOffset");
        var downstreamOffset = valueReader.ReadInt64("offset");
        var metadata = valueReader.ReadString("metadata");

        return new Checkpoint(group, topic, partition, upstreamOffset, downstreamOffset, metadata);
    }
}
