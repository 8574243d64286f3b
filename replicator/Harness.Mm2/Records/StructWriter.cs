using System.Buffers.Binary;

namespace Harness.Mm2.Records;

/// <summary>
/// Writes Kafka protocol <c>Struct</c> fields in order into a buffer sized up front by the caller.
/// </summary>
internal ref struct StructWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public StructWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer[_position..], value);
        _position += sizeof(short);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer[_position..], value);
        _position += sizeof(int);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer[_position..], value);
        _position += sizeof(long);
    }

    /// <summary>Writes bytes already produced by <see cref="Utf8Field.Encode"/>, so their length fits an INT16.</summary>
    public void WriteString(byte[] utf8)
    {
        WriteInt16((short)utf8.Length);
        utf8.CopyTo(_buffer[_position..]);
        _position += utf8.Length;
    }
}
