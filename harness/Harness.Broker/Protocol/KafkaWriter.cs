using System.Buffers.Binary;
using System.Text;

namespace Harness.Broker.Protocol;

/// <summary>
/// Builds one response frame. Record data already held by the log is attached by reference
/// (<see cref="WriteExternal"/>), so a fetch of many megabytes is sent with a gather write and never copied.
/// </summary>
public sealed class KafkaWriter
{
    private readonly List<ArraySegment<byte>> _chunks = [];
    private byte[] _buffer;
    private int _chunkStart;
    private int _position;
    private long _flushedLength;

    /// <summary>Creates a writer whose first four bytes are reserved for the frame length.</summary>
    public KafkaWriter(int initialCapacity = 256)
    {
        _buffer = new byte[Math.Max(initialCapacity, 16)];
        _position = 4;
    }

    /// <summary>Bytes written so far after the length prefix.</summary>
    public long Length => _flushedLength + (_position - _chunkStart) - 4;

    private Span<byte> Grow(int count)
    {
        if (_position + count > _buffer.Length)
        {
            var used = _position - _chunkStart;
            if (_chunks.Count == 0 && _chunkStart == 0)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _position + count));
            }
            else
            {
                var next = new byte[Math.Max(_buffer.Length * 2, used + count)];
                Array.Copy(_buffer, _chunkStart, next, 0, used);
                _buffer = next;
                _chunkStart = 0;
                _position = used;
            }
        }

        var span = new Span<byte>(_buffer, _position, count);
        _position += count;
        return span;
    }

    public void WriteInt8(sbyte value) => Grow(1)[0] = (byte)value;

    public void WriteBool(bool value) => Grow(1)[0] = value ? (byte)1 : (byte)0;

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16BigEndian(Grow(2), value);

    public void WriteInt16(ErrorCode value) => WriteInt16((short)value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Grow(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Grow(8), value);

    public void WriteUuid(Guid value) => value.TryWriteBytes(Grow(16), bigEndian: true, out _);

    public void WriteUnsignedVarInt(uint value)
    {
        while (value >= 0x80)
        {
            Grow(1)[0] = (byte)(value | 0x80);
            value >>= 7;
        }

        Grow(1)[0] = (byte)value;
    }

    public void WriteString(string value, bool flexible = false) => WriteNullableString(value, flexible);

    public void WriteNullableString(string? value, bool flexible = false)
    {
        if (value is null)
        {
            if (flexible)
            {
                WriteUnsignedVarInt(0);
            }
            else
            {
                WriteInt16(-1);
            }

            return;
        }

        var count = Encoding.UTF8.GetByteCount(value);
        if (flexible)
        {
            WriteUnsignedVarInt((uint)count + 1);
        }
        else
        {
            WriteInt16(checked((short)count));
        }

        Encoding.UTF8.GetBytes(value, Grow(count));
    }

    public void WriteNullableBytes(ReadOnlySpan<byte> value, bool isNull = false, bool flexible = false)
    {
        if (isNull)
        {
            if (flexible)
            {
                WriteUnsignedVarInt(0);
            }
            else
            {
                WriteInt32(-1);
            }

            return;
        }

        if (flexible)
        {
            WriteUnsignedVarInt((uint)value.Length + 1);
        }
        else
        {
            WriteInt32(value.Length);
        }

        value.CopyTo(Grow(value.Length));
    }

    public void WriteBytes(ReadOnlySpan<byte> value, bool flexible = false) => WriteNullableBytes(value, false, flexible);

    public void WriteArrayLength(int count, bool flexible = false)
    {
        if (flexible)
        {
            WriteUnsignedVarInt((uint)(count + 1));
        }
        else
        {
            WriteInt32(count);
        }
    }

    /// <summary>Writes an empty tagged-field section.</summary>
    public void WriteEmptyTaggedFields() => WriteUnsignedVarInt(0);

    /// <summary>Appends bytes owned by someone else without copying; they must not change until sent.</summary>
    public void WriteExternal(ArraySegment<byte> data)
    {
        if (data.Count == 0)
        {
            return;
        }

        if (data.Count < 1024)
        {
            data.AsSpan().CopyTo(Grow(data.Count));
            return;
        }

        CloseChunk();
        _chunks.Add(data);
        _flushedLength += data.Count;
    }

    private void CloseChunk()
    {
        if (_position > _chunkStart)
        {
            _chunks.Add(new ArraySegment<byte>(_buffer, _chunkStart, _position - _chunkStart));
            _flushedLength += _position - _chunkStart;
        }

        _chunkStart = _position;
    }

    /// <summary>Writes the length prefix and returns the frame as segments ready for a gather send.</summary>
    public IList<ArraySegment<byte>> Complete()
    {
        CloseChunk();
        var total = _flushedLength - 4;
        BinaryPrimitives.WriteInt32BigEndian(_chunks[0].AsSpan(0, 4), checked((int)total));
        return _chunks;
    }
}
