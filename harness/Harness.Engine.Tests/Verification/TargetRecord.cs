using Confluent.Kafka;
using Harness.Engine.Load;

namespace Harness.Engine.Tests.Verification;

/// <summary>
/// One record a test writes straight into the target, shaped as a replicator might have left it; <see cref="Acknowledged"/>
/// puts a sequence of a source partition in the ledger as if the source had acknowledged it (at the offset equal to
/// the sequence, as in a clean source partition).
/// </summary>
internal sealed record TargetRecord(int Partition, byte[]? Key, byte[]? Value, long TimestampMs, IReadOnlyList<(string Name, byte[]? Value)> Headers, (int Partition, long Sequence)? Acknowledged)
{
    public const ulong RunId = 0xfeed;
    public const string Topic = "orders";
    public const long Time = 1_700_000_000_000;

    /// <summary>A record carrying a correct stamp of this run for <paramref name="sequence"/> in its own partition.</summary>
    public static TargetRecord Stamped(int partition, long sequence, byte[]? key = null, byte[]? value = null) =>
        new(partition, key, value, Time + sequence, [(RecordStamp.HeaderKey, Stamp(partition, sequence, key, value))], (partition, sequence));

    /// <summary>A record carrying a correct stamp in its value, before <paramref name="content"/>, as the load generator writes it.</summary>
    public static TargetRecord ValueStamped(int partition, long sequence, byte[]? key = null, byte[]? content = null)
    {
        content ??= [];
        var value = new byte[ValueStamp.Size + content.Length];
        ValueStamp.Write(new RecordStamp(RunId, 0, 0, partition, sequence, Time + sequence, RecordStamp.HashContent(key, content)), value);
        content.CopyTo(value, ValueStamp.Size);
        return new(partition, key, value, Time + sequence, [], (partition, sequence));
    }

    /// <summary>The stamp the load generator would give this content.</summary>
    public static byte[] Stamp(int partition, long sequence, byte[]? key, byte[]? value, ulong runId = RunId) =>
        new RecordStamp(runId, 0, 0, partition, sequence, Time + sequence, RecordStamp.HashContent(key, value)).Encode();

    public Message<byte[]?, byte[]?> ToMessage()
    {
        var headers = new Headers();
        foreach (var (name, value) in Headers)
        {
            headers.Add(name, value);
        }

        return new Message<byte[]?, byte[]?> { Key = Key, Value = Value, Headers = headers, Timestamp = new Timestamp(TimestampMs, TimestampType.CreateTime) };
    }
}
