using System.Buffers.Binary;
using System.Text;

namespace Harness.Broker.Protocol;

/// <summary>
/// Reads Kafka protocol primitives (big-endian) from one request frame. Every read is bounds-checked so a
/// truncated or hostile frame ends in a <see cref="ProtocolException"/>, never an out-of-range crash.
/// </summary>
public sealed class KafkaReader
{
    private readonly byte[] _buffer;
    private readonly int _end;
    private int _position;

    /// <summary>Reads <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
    public KafkaReader(byte[] buffer, int offset, int count)
    {
        _buffer = buffer;
        _position = offset;
        _end = offset + count;
    }

    /// <summary>Bytes not yet read.</summary>
    public int Remaining => _end - _position;

    /// <summary>The underlying buffer, for zero-copy slices of record data.</summary>
    public byte[] Buffer => _buffer;

    /// <summary>The current position in <see cref="Buffer"/>.</summary>
    public int Position => _position;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _end - _position)
        {
            throw new ProtocolException($"frame truncated: wanted {count} bytes at position {_position}, {_end - _position} left");
        }

        var span = new ReadOnlySpan<byte>(_buffer, _position, count);
        _position += count;
        return span;
    }

    public sbyte ReadInt8() => (sbyte)Take(1)[0];

    public bool ReadBool() => Take(1)[0] != 0;

    public short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public Guid ReadUuid()
    {
        var bytes = Take(16);
        return new Guid(bytes, bigEndian: true);
    }

    public uint ReadUnsignedVarInt()
    {
        uint value = 0;
        for (var shift = 0; shift <= 28; shift += 7)
        {
            var b = Take(1)[0];
            value |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new ProtocolException("varint longer than 5 bytes");
    }

    public int ReadVarInt()
    {
        var raw = ReadUnsignedVarInt();
        return (int)(raw >> 1) ^ -(int)(raw & 1);
    }

    public string ReadString(bool flexible = false) =>
        ReadNullableString(flexible) ?? throw new ProtocolException("null where a string is required");

    public string? ReadNullableString(bool flexible = false)
    {
        int length = flexible ? (int)ReadUnsignedVarInt() - 1 : ReadInt16();
        if (length < 0)
        {
            return null;
        }

        return Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>Reads BYTES / NULLABLE_BYTES as a slice of the frame (no copy); null for a null value.</summary>
    public ArraySegment<byte>? ReadNullableBytes(bool flexible = false)
    {
        int length = flexible ? (int)ReadUnsignedVarInt() - 1 : ReadInt32();
        if (length < 0)
        {
            return null;
        }

        var start = _position;
        Take(length);
        return new ArraySegment<byte>(_buffer, start, length);
    }

    public ArraySegment<byte> ReadBytes(bool flexible = false) =>
        ReadNullableBytes(flexible) ?? throw new ProtocolException("null where bytes are required");

    /// <summary>Reads an array length; -1 means null. Guards against lengths the frame cannot hold.</summary>
    public int ReadArrayLength(bool flexible = false)
    {
        int length = flexible ? (int)ReadUnsignedVarInt() - 1 : ReadInt32();
        if (length > Remaining)
        {
            throw new ProtocolException($"array length {length} exceeds the {Remaining} bytes left in the frame");
        }

        return length < -1 ? throw new ProtocolException($"negative array length {length}") : length;
    }

    /// <summary>Skips the tagged-field section of a flexible structure.</summary>
    public void SkipTaggedFields()
    {
        var count = ReadUnsignedVarInt();
        for (var i = 0; i < count; i++)
        {
            ReadUnsignedVarInt();
            var size = (int)ReadUnsignedVarInt();
            Take(size);
        }
    }

    public void Skip(int count) => Take(count);
}
