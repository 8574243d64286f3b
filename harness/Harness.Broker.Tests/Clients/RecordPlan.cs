using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;

namespace Harness.Broker.Tests.Clients;

/// <summary>
/// A deterministic set of records: record i goes to partition i % partitions with per-partition sequence
/// i / partitions, and its key, value, headers and timestamp are all derived from i, so a consumer can check
/// every field of every record without keeping what was produced.
/// </summary>
internal sealed class RecordPlan
{
    private static readonly DateTime BaseTime = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public RecordPlan(string topic, int partitions, int count, int valueBytes = 100)
    {
        Topic = topic;
        Partitions = partitions;
        Count = count;
        ValueBytes = valueBytes;
    }

    public string Topic { get; }

    public int Partitions { get; }

    public int Count { get; }

    public int ValueBytes { get; }

    public int CountIn(int partition) => Count / Partitions + (partition < Count % Partitions ? 1 : 0);

    public TopicPartition PartitionOf(int i) => new(Topic, i % Partitions);

    public Message<byte[], byte[]> Message(int i) => new()
    {
        Key = Key(i),
        Value = Value(i),
        Timestamp = new Timestamp(BaseTime.AddMilliseconds(i), TimestampType.CreateTime),
        Headers = new Headers { { "seq", Int64(i / Partitions) }, { "origin", Encoding.ASCII.GetBytes("plan") } },
    };

    /// <summary>Checks one consumed record against the plan; returns a description of the first mismatch, or null.</summary>
    public string? Mismatch(ConsumeResult<byte[], byte[]> result, long expectedSequence)
    {
        var i = checked((int)(expectedSequence * Partitions + result.Partition.Value));
        var message = result.Message;
        var where = $"{result.TopicPartitionOffset} (record {i})";
        if (!message.Key.AsSpan().SequenceEqual(Key(i)))
        {
            return $"{where}: key {Encoding.ASCII.GetString(message.Key ?? [])}";
        }

        if (!message.Value.AsSpan().SequenceEqual(Value(i)))
        {
            return $"{where}: value differs";
        }

        if (message.Timestamp.Type != TimestampType.CreateTime || message.Timestamp.UtcDateTime != BaseTime.AddMilliseconds(i))
        {
            return $"{where}: timestamp {message.Timestamp.Type} {message.Timestamp.UtcDateTime:O}";
        }

        if (message.Headers is not { Count: 2 } headers || !headers.TryGetLastBytes("seq", out var seq) || BinaryPrimitives.ReadInt64BigEndian(seq) != expectedSequence
            || !headers.TryGetLastBytes("origin", out var origin) || Encoding.ASCII.GetString(origin) != "plan")
        {
            return $"{where}: headers differ";
        }

        return null;
    }

    private static byte[] Key(int i) => Encoding.ASCII.GetBytes($"key-{i}");

    private byte[] Value(int i)
    {
        var value = new byte[ValueBytes];
        var text = Encoding.ASCII.GetBytes($"value-{i}-");
        for (var at = 0; at < value.Length; at += text.Length)
        {
            text.AsSpan(0, Math.Min(text.Length, value.Length - at)).CopyTo(value.AsSpan(at));
        }

        return value;
    }

    private static byte[] Int64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }
}
