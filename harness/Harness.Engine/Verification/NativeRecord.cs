using System.Runtime.InteropServices;
using Harness.RdKafka;

namespace Harness.Engine.Verification;

/// <summary>
/// A consumed record's parts as spans over librdkafka's memory, valid until the record is released: the verifier
/// reads every record this way, so reading one copies and allocates nothing.
/// </summary>
internal static unsafe class NativeRecord
{
    /// <summary>The key; empty for a null key, as a null key hashes like an empty one.</summary>
    public static ReadOnlySpan<byte> Key(RdKafkaMessage* message) =>
        message->Key == 0 ? default : new ReadOnlySpan<byte>((void*)message->Key, checked((int)message->KeyLength));

    /// <summary>The value; empty for a null value.</summary>
    public static ReadOnlySpan<byte> Value(RdKafkaMessage* message) =>
        message->Payload == 0 ? default : new ReadOnlySpan<byte>((void*)message->Payload, checked((int)message->Length));

    /// <summary>
    /// The value of the last header named <paramref name="name"/> (the one a client reading headers by name sees),
    /// empty when that header has a null value; false when the record has no such header.
    /// </summary>
    public static bool TryGetLastHeader(RdKafkaMessage* message, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        var headers = NativeConsumer.Headers(message);
        if (headers == 0)
        {
            return false;
        }

        for (var index = LibRdKafka.HeaderCount(headers); index-- > 0;)
        {
            byte* headerName;
            byte* headerValue;
            nuint size;
            if (LibRdKafka.HeaderGetAll(headers, index, &headerName, &headerValue, &size) != 0
                || !MemoryMarshal.CreateReadOnlySpanFromNullTerminated(headerName).SequenceEqual(name))
            {
                continue;
            }

            value = headerValue == null ? default : new ReadOnlySpan<byte>(headerValue, checked((int)size));
            return true;
        }

        return false;
    }
}
