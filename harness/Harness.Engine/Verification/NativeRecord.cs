using System.Text;
using Harness.Engine.Load;
using Harness.RdKafka;

namespace Harness.Engine.Verification;

/// <summary>
/// A consumed record's parts as spans over librdkafka's memory, valid until the record is released: the verifier
/// reads every record this way, so reading one copies and allocates nothing (its timestamp and release are
/// <see cref="NativeConsumer"/>'s, like the replicator's).
/// </summary>
internal static unsafe class NativeRecord
{
    private static readonly byte[] StampHeaderName = Encoding.UTF8.GetBytes(RecordStamp.HeaderKey);

    /// <summary>The key; empty for a null key, as a null key hashes like an empty one.</summary>
    public static ReadOnlySpan<byte> Key(RdKafkaMessage* message) =>
        message->Key == 0 ? default : new ReadOnlySpan<byte>((void*)message->Key, checked((int)message->KeyLength));

    /// <summary>The value; empty for a null value.</summary>
    public static ReadOnlySpan<byte> Value(RdKafkaMessage* message) =>
        message->Payload == 0 ? default : new ReadOnlySpan<byte>((void*)message->Payload, checked((int)message->Length));

    /// <summary>
    /// The record's stamp bytes, from its last <c>hx-stamp</c> header or else from the start of its value, and the
    /// value bytes the stamp's content hash covers (all of it, or what follows a value stamp); false when the record
    /// carries neither.
    /// </summary>
    public static bool TryFindStamp(RdKafkaMessage* message, out ReadOnlySpan<byte> stamp, out ReadOnlySpan<byte> hashedValue)
    {
        var value = Value(message);
        if (TryGetLastHeader(message, StampHeaderName, out stamp))
        {
            hashedValue = value;
            return true;
        }

        return ValueStamp.TrySplit(value, out stamp, out hashedValue);
    }

    /// <summary>
    /// The value of the last header named <paramref name="name"/> (the one a client reading headers by name sees),
    /// empty when that header has a null value; false when the record has no such header.
    /// </summary>
    /// <param name="message">The record.</param>
    /// <param name="name">The header name as UTF-8, without NUL bytes.</param>
    /// <param name="value">The header's value.</param>
    public static bool TryGetLastHeader(RdKafkaMessage* message, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        nint headers;
        if (LibRdKafka.MessageHeaders(message, &headers) != 0)
        {
            return false;
        }

        for (var index = LibRdKafka.HeaderCount(headers); index-- > 0;)
        {
            byte* headerName;
            byte* headerValue;
            nuint size;
            if (LibRdKafka.HeaderGetAll(headers, index, &headerName, &headerValue, &size) == 0 && Named(headerName, name))
            {
                value = headerValue == null ? default : new ReadOnlySpan<byte>(headerValue, checked((int)size));
                return true;
            }
        }

        return false;
    }

    /// <summary>Compares a NUL-terminated name without measuring it first: a shorter name mismatches at its NUL, so nothing past it is read.</summary>
    private static bool Named(byte* headerName, ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (headerName[i] != name[i])
            {
                return false;
            }
        }

        return headerName[name.Length] == 0;
    }
}
