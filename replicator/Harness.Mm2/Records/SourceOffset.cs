using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Harness.Mm2.Records;

/// <summary>
/// A record of the Kafka Connect offsets topic that MM2's MirrorSourceTask commits to (in dedicated mode
/// <c>mm2-offsets.&lt;source&gt;.internal</c> on the target): the last source record of a partition that was copied.
/// A null <see cref="Offset"/> is a tombstone, which removes the partition's offset.
/// </summary>
/// <remarks>
/// Connect writes the key as the JSON array <c>[connector name, source partition]</c> and the value as the source
/// offset, both with its schemaless JSON converter. MirrorUtils.wrapPartition makes the source partition
/// <c>{"cluster":…,"partition":…,"topic":…}</c> (that order, a Java HashMap's iteration order for these three
/// keys) and wrapOffset makes the value <c>{"offset":…}</c>. MirrorSourceTask seeks to <see cref="Offset"/> + 1 on start.
/// </remarks>
public sealed record SourceOffset
{
    /// <summary>MM2's name for its source connector, and so the first element of every key it writes.</summary>
    public const string MirrorSourceConnector = "MirrorSourceConnector";

    private const string KeyContext = "Connect source offset key";
    private const string ValueContext = "Connect source offset value";

    // Connect's Jackson escapes only what JSON requires; the default encoder would also escape '+', '<' and non-ASCII.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Creates a source offset record.</summary>
    /// <param name="connector">The connector that owns the offset (MM2: <see cref="MirrorSourceConnector"/>).</param>
    /// <param name="cluster">The source cluster alias.</param>
    /// <param name="topic">The source topic.</param>
    /// <param name="partition">The source partition.</param>
    /// <param name="offset">The offset of the last record copied, or null for a tombstone.</param>
    public SourceOffset(string connector, string cluster, string topic, int partition, long? offset)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(topic);
        Connector = connector;
        Cluster = cluster;
        Topic = topic;
        Partition = partition;
        Offset = offset;
    }

    /// <summary>The connector that owns the offset: Connect's namespace, the key's first element.</summary>
    public string Connector { get; }

    /// <summary>The source cluster alias.</summary>
    public string Cluster { get; }

    /// <summary>The source topic.</summary>
    public string Topic { get; }

    /// <summary>The source partition.</summary>
    public int Partition { get; }

    /// <summary>The offset of the last source record copied (not the next one to copy); null for a tombstone.</summary>
    public long? Offset { get; }

    /// <summary>MM2's offsets topic in dedicated mode: the default of <c>offset.storage.topic</c> for a flow from <paramref name="sourceAlias"/>.</summary>
    public static string DedicatedModeTopic(string sourceAlias) => $"mm2-offsets.{sourceAlias}.internal";

    /// <summary>Encodes the key: <c>["MirrorSourceConnector",{"cluster":"a","partition":0,"topic":"t"}]</c>.</summary>
    public byte[] SerializeKey()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(Connector);
            writer.WriteStartObject();
            writer.WriteString("cluster", Cluster);
            writer.WriteNumber("partition", Partition);
            writer.WriteString("topic", Topic);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>Encodes the value: <c>{"offset":41}</c>, or null for a tombstone.</summary>
    public byte[]? SerializeValue() =>
        Offset is { } offset ? Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"offset\":{offset}}}")) : null;

    /// <summary>
    /// Decodes a record whatever the order of the fields and the white space; a null or empty value is a tombstone.
    /// Fields other than Connect's are ignored.
    /// </summary>
    /// <exception cref="Mm2FormatException">The key or value is not the JSON Connect writes for a source offset.</exception>
    public static SourceOffset Deserialize(ReadOnlySpan<byte> key, byte[]? value)
    {
        var (connector, cluster, topic, partition) = ReadKey(key);
        return new SourceOffset(connector, cluster, topic, partition, value is null || value.Length == 0 ? null : ReadValue(value));
    }

    private static (string Connector, string Cluster, string Topic, int Partition) ReadKey(ReadOnlySpan<byte> key)
    {
        using var document = Parse(key, KeyContext);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2)
        {
            throw new Mm2FormatException($"{KeyContext}: expected [connector, {{cluster, partition, topic}}]");
        }

        var connector = root[0].ValueKind == JsonValueKind.String ? root[0].GetString()! : throw new Mm2FormatException($"{KeyContext}: the connector name is not a string");
        var partition = root[1];
        if (partition.ValueKind != JsonValueKind.Object)
        {
            throw new Mm2FormatException($"{KeyContext}: the source partition is not an object");
        }

        return (connector, StringField(partition, "cluster"), StringField(partition, "topic"),
            partition.TryGetProperty("partition", out var number) && number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var n)
                ? n
                : throw new Mm2FormatException($"{KeyContext}: 'partition' is missing or not a 32-bit integer"));
    }

    private static long ReadValue(ReadOnlySpan<byte> value)
    {
        using var document = Parse(value, ValueContext);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("offset", out var offset) && offset.ValueKind == JsonValueKind.Number && offset.TryGetInt64(out var n)
            ? n
            : throw new Mm2FormatException($"{ValueContext}: expected {{\"offset\": <64-bit integer>}}");
    }

    private static string StringField(JsonElement partition, string name) =>
        partition.TryGetProperty(name, out var field) && field.ValueKind == JsonValueKind.String
            ? field.GetString()!
            : throw new Mm2FormatException($"{KeyContext}: '{name}' is missing or not a string");

    private static JsonDocument Parse(ReadOnlySpan<byte> bytes, string context)
    {
        try
        {
            return JsonDocument.Parse(bytes.ToArray());
        }
        catch (JsonException e)
        {
            throw new Mm2FormatException($"{context}: not JSON ({e.Message})", e);
        }
    }
}
