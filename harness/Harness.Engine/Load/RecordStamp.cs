using System.Buffers.Binary;
using Harness.Broker.Records;

namespace Harness.Engine.Load;

/// <summary>
/// The stamp every produced record carries in its <see cref="HeaderKey"/> header: who produced it, for which
/// source partition, its per-partition sequence, its produce time and a hash of its content. A CRC seals the
/// stamp, so a corrupted header is told apart from a foreign record.
/// </summary>
public readonly record struct RecordStamp(ulong RunId, ushort TopicIndex, ushort ProducerId, int Partition, long Sequence, long TimestampMs, uint ContentHash)
{
    /// <summary>Header key of the stamp.</summary>
    public const string HeaderKey = "hx-stamp";

    /// <summary>Encoded size in bytes.</summary>
    public const int Size = 41;

    private const byte Version = 1;

    /// <summary>Encodes the stamp.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[Size];
        EncodeTo(bytes);
        return bytes;
    }

    /// <summary>Encodes the stamp into the first <see cref="Size"/> bytes of <paramref name="span"/>, allocating nothing.</summary>
    /// <param name="span">At least <see cref="Size"/> bytes.</param>
    public void EncodeTo(Span<byte> span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span.Length, Size, nameof(span));
        span[0] = Version;
        BinaryPrimitives.WriteUInt64BigEndian(span[1..], RunId);
        BinaryPrimitives.WriteUInt16BigEndian(span[9..], TopicIndex);
        BinaryPrimitives.WriteUInt16BigEndian(span[11..], ProducerId);
        BinaryPrimitives.WriteInt32BigEndian(span[13..], Partition);
        BinaryPrimitives.WriteInt64BigEndian(span[17..], Sequence);
        BinaryPrimitives.WriteInt64BigEndian(span[25..], TimestampMs);
        BinaryPrimitives.WriteUInt32BigEndian(span[33..], ContentHash);
        BinaryPrimitives.WriteUInt32BigEndian(span[37..], Crc32C.Compute(span[..37]));
    }

    /// <summary>Decodes a stamp; <see cref="StampStatus"/> says whether it was damaged or fine.</summary>
    public static StampStatus TryDecode(ReadOnlySpan<byte> bytes, out RecordStamp stamp)
    {
        stamp = default;
        if (bytes.Length != Size || bytes[0] != Version)
        {
            return StampStatus.Unreadable;
        }

        // Decoded even when the CRC fails, so a damaged stamp can often still be attributed to its stream.
        stamp = new RecordStamp(
            BinaryPrimitives.ReadUInt64BigEndian(bytes[1..]),
            BinaryPrimitives.ReadUInt16BigEndian(bytes[9..]),
            BinaryPrimitives.ReadUInt16BigEndian(bytes[11..]),
            BinaryPrimitives.ReadInt32BigEndian(bytes[13..]),
            BinaryPrimitives.ReadInt64BigEndian(bytes[17..]),
            BinaryPrimitives.ReadInt64BigEndian(bytes[25..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[33..]));
        return BinaryPrimitives.ReadUInt32BigEndian(bytes[37..]) == Crc32C.Compute(bytes[..37]) ? StampStatus.Valid : StampStatus.Damaged;
    }

    /// <summary>The content hash of a record: CRC-32C over key length, key, value length and value.</summary>
    public static uint HashContent(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        Span<byte> lengths = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(lengths, key.Length);
        BinaryPrimitives.WriteInt32BigEndian(lengths[4..], value.Length);
        var crc = Crc32C.Append(0, lengths[..4]);
        crc = Crc32C.Append(crc, key);
        crc = Crc32C.Append(crc, lengths[4..]);
        return Crc32C.Append(crc, value);
    }
}
