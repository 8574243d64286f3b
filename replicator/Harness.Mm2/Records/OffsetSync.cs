namespace Harness.Mm2.Records;

/// <summary>
/// A record of MM2's offset-syncs topic (<c>mm2-offset-syncs.&lt;target&gt;.internal</c>, partition 0): the
/// record at <see cref="UpstreamOffset"/> of the source partition was written at <see cref="DownstreamOffset"/>
/// of the replicated partition.
/// </summary>
/// <remarks>
/// Key: topic STRING, partition INT32. Value: upstreamOffset INT64, offset INT64. Unlike checkpoints and
/// heartbeats, the value has no version header. <see cref="Topic"/> is the source-side topic name.
/// </remarks>
public sealed record OffsetSync
{
    private const string KeyContext = "OffsetSync key";
    private const string ValueContext = "OffsetSync value";

    /// <summary>Creates an offset sync.</summary>
    /// <param name="topic">Source topic name.</param>
    /// <param name="partition">Source partition (the replicated partition has the same number).</param>
    /// <param name="upstreamOffset">Offset of the record in the source partition.</param>
    /// <param name="downstreamOffset">Offset the same record was given in the target partition.</param>
    public OffsetSync(string topic, int partition, long upstreamOffset, long downstreamOffset)
    {
        ArgumentNullException.ThrowIfNull(topic);
        Topic = topic;
        Partition = partition;
        UpstreamOffset = upstreamOffset;
        DownstreamOffset = downstreamOffset;
    }

    /// <summary>Source topic name.</summary>
    public string Topic { get; }

    /// <summary>Partition number, the same on both sides.</summary>
    public int Partition { get; }

    /// <summary>Source topic and partition together.</summary>
    public TopicPartition TopicPartition => new(Topic, Partition);

    /// <summary>Offset of the record in the source partition.</summary>
    public long UpstreamOffset { get; }

    /// <summary>Offset of the same record in the target partition (Kafka's field name is <c>offset</c>).</summary>
    public long DownstreamOffset { get; }

    /// <summary>Encodes the record key.</summary>
    /// <exception cref="Mm2FormatException">The topic name cannot be encoded as a STRING.</exception>
    public byte[] SerializeKey()
    {
        var topic = Utf8Field.Encode(Topic, KeyContext, "topic");
        var bytes = new byte[Utf8Field.SizeOf(topic) + sizeof(int)];
        var writer = new StructWriter(bytes);
        writer.WriteString(topic);
        writer.WriteInt32(Partition);
        return bytes;
    }

    /// <summary>Encodes the record value.</summary>
    public byte[] SerializeValue()
    {
        var bytes = new byte[2 * sizeof(long)];
        var writer = new StructWriter(bytes);
        writer.WriteInt64(UpstreamOffset);
        writer.WriteInt64(DownstreamOffset);
        return bytes;
    }

    /// <summary>
    /// Decodes a record. Bytes after the last field of the key or the value are ignored, as Kafka ignores them.
    /// </summary>
    /// <exception cref="Mm2FormatException">The key or value is truncated or malformed.</exception>
    public static OffsetSync Deserialize(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var keyReader = new StructReader(key, KeyContext);
        var topic = keyReader.ReadString("topic");
        var partition = keyReader.ReadInt32("partition");

        var valueReader = new StructReader(value, ValueContext);
        var upstreamOffset = valueReader.ReadInt64("upstreamOffset");
        var downstreamOffset = valueReader.ReadInt64("offset");

        return new OffsetSync(topic, partition, upstreamOffset, downstreamOffset);
    }
}
