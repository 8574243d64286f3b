using System.Text;
using Confluent.Kafka;
using Harness.RdKafka;

namespace Harness.Replicator.Source;

/// <summary>
/// Conversions between librdkafka's consumed records and Confluent.Kafka's managed message, for the sabotage path
/// only: the normal path never copies a record into managed memory.
/// </summary>
internal static unsafe class NativeRecords
{
    /// <summary>A managed copy of a consumed record: key, value and headers (null stays null), and its timestamp as CreateTime.</summary>
    public static Message<byte[]?, byte[]?> ToMessage(RdKafkaMessage* record, long timestampMs)
    {
        var message = new Message<byte[]?, byte[]?>
        {
            Key = Copy(record->Key, record->KeyLength),
            Value = Copy(record->Payload, record->Length),
            Timestamp = timestampMs >= 0 ? new Timestamp(timestampMs, TimestampType.CreateTime) : Timestamp.Default,
            Headers = [],
        };
        var headers = NativeConsumer.Headers(record);
        if (headers == 0)
        {
            return message;
        }

        var count = LibRdKafka.HeaderCount(headers);
        for (nuint i = 0; i < count; i++)
        {
            byte* name;
            byte* value;
            nuint size;
            if (LibRdKafka.HeaderGetAll(headers, i, &name, &value, &size) == 0)
            {
                message.Headers.Add(LibRdKafka.Text((nint)name), Copy((nint)value, size));
            }
        }

        return message;
    }

    /// <summary>
    /// Lays out a managed message as librdkafka reads it: key, value, then each header's NUL-terminated name and
    /// value, in one buffer the caller pins. Offsets of -1 stand for null.
    /// </summary>
    public static (byte[] Buffer, int Key, int Value, (int Name, int Value, int Length)[] Headers) Layout(Message<byte[]?, byte[]?> message)
    {
        var headers = message.Headers ?? [];
        var size = 1 + (message.Key?.Length ?? 0) + (message.Value?.Length ?? 0)
            + headers.Sum(h => Encoding.UTF8.GetByteCount(h.Key) + 1 + (h.GetValueBytes()?.Length ?? 0));
        var buffer = new byte[size];
        var position = 0;
        var key = Put(buffer, message.Key, ref position);
        var value = Put(buffer, message.Value, ref position);
        var layout = new (int Name, int Value, int Length)[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            var name = position;
            position += Encoding.UTF8.GetBytes(headers[i].Key, buffer.AsSpan(position));
            buffer[position++] = 0;
            var bytes = headers[i].GetValueBytes();
            layout[i] = (name, Put(buffer, bytes, ref position), bytes?.Length ?? 0);
        }

        return (buffer, key, value, layout);
    }

    private static int Put(byte[] buffer, byte[]? bytes, ref int position)
    {
        if (bytes is null)
        {
            return -1;
        }

        var start = position;
        bytes.CopyTo(buffer, position);
        position += bytes.Length;
        return start;
    }

    private static byte[]? Copy(nint pointer, nuint length) => pointer == 0 ? null : new ReadOnlySpan<byte>((void*)pointer, checked((int)length)).ToArray();
}
