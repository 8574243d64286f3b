namespace Harness.Mm2.Records;

/// <summary>
/// A record of MM2's heartbeats topic: proof that replication from <see cref="SourceClusterAlias"/> to
/// <see cref="TargetClusterAlias"/> was alive at <see cref="Timestamp"/>.
/// </summary>
/// <remarks>
/// Key: sourceClusterAlias STRING, targetClusterAlias STRING. Value: version INT16 (0), timestamp INT64.
/// </remarks>
public sealed record Heartbeat
{
    /// <summary>The value version this library writes and the only one it reads.</summary>
    public const short Version = RecordVersion.Current;

    private const string KeyContext = "Heartbeat key";
    private const string ValueContext = "Heartbeat value";

    /// <summary>Creates a heartbeat.</summary>
    /// <param name="sourceClusterAlias">Alias of the cluster the heartbeat describes replication from.</param>
    /// <param name="targetClusterAlias">Alias of the cluster the heartbeat describes replication to.</param>
    /// <param name="timestamp">Milliseconds since the Unix epoch when the heartbeat was emitted.</param>
    public Heartbeat(string sourceClusterAlias, string targetClusterAlias, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(sourceClusterAlias);
        ArgumentNullException.ThrowIfNull(targetClusterAlias);
        SourceClusterAlias = sourceClusterAlias;
        TargetClusterAlias = targetClusterAlias;
        Timestamp = timestamp;
    }

    /// <summary>Alias of the source cluster.</summary>
    public string SourceClusterAlias { get; }

    /// <summary>Alias of the target cluster.</summary>
    public string TargetClusterAlias { get; }

    /// <summary>Milliseconds since the Unix epoch.</summary>
    public long Timestamp { get; }

    /// <summary>Encodes the record key.</summary>
    /// <exception cref="Mm2FormatException">An alias cannot be encoded as a STRING.</exception>
    public byte[] SerializeKey()
    {
        var source = Utf8Field.Encode(SourceClusterAlias, KeyContext, "sourceClusterAlias");
        var target = Utf8Field.Encode(TargetClusterAlias, KeyContext, "targetClusterAlias");
        var bytes = new byte[Utf8Field.SizeOf(source) + Utf8Field.SizeOf(target)];
        var writer = new StructWriter(bytes);
        writer.WriteString(source);
        writer.WriteString(target);
        return bytes;
    }

    /// <summary>Encodes the record value, version 0.</summary>
    public byte[] SerializeValue()
    {
        var bytes = new byte[sizeof(short) + sizeof(long)];
        var writer = new StructWriter(bytes);
        writer.WriteInt16(Version);
        writer.WriteInt64(Timestamp);
        return bytes;
    }

    /// <summary>
    /// Decodes a record. A value version other than 0 is rejected; bytes after the last field of the key or the
    /// value are ignored, as Kafka ignores them.
    /// </summary>
    /// <exception cref="Mm2FormatException">The key or value is truncated, malformed or of another version.</exception>
    public static Heartbeat Deserialize(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var keyReader = new StructReader(key, KeyContext);
        var source = keyReader.ReadString("sourceClusterAlias");
        var target = keyReader.ReadString("targetClusterAlias");

        var valueReader = new StructReader(value, ValueContext);
        RecordVersion.Read(ref valueReader, ValueContext);
        var timestamp = valueReader.ReadInt64("timestamp");

        return new Heartbeat(source, target, timestamp);
    }
}
