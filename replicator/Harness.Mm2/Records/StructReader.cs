using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Harness.Mm2.Records;

/// <summary>
/// Reads the fields of a Kafka protocol <c>Struct</c> in order: big-endian integers and non-nullable STRINGs
/// (INT16 byte length, then UTF-8). Bytes after the last field are left unread, as Kafka's Schema.read does.
/// </summary>
internal ref struct StructReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly string _context;
    private int _position;

    public StructReader(ReadOnlySpan<byte> buffer, string context)
    {
        _buffer = buffer;
        _context = context;
        _position = 0;
    }

    public short ReadInt16(string field) => BinaryPrimitives.ReadInt16BigEndian(Take(sizeof(short), field, "INT16"));

    public int ReadInt32(string field) => BinaryPrimitives.ReadInt32BigEndian(Take(sizeof(int), field, "INT32"));

    public long ReadInt64(string field) => BinaryPrimitives.ReadInt64BigEndian(Take(sizeof(long), field, "INT64"));

    public string ReadString(string field)
    {
        var start = _position;
        var length = BinaryPrimitives.ReadInt16BigEndian(Take(sizeof(short), field, "STRING length"));
        if (length < 0)
        {
            // A null STRING would be written as -1; these schemas declare the fields non-nullable.
            throw Fail(field, start, $"has string length {length}, but the field is a non-nullable STRING");
        }

        var remaining = _buffer.Length - _position;
        if (length > remaining)
        {
            throw Fail(field, start, $"declares a string of {length} bytes, but only {remaining} bytes remain");
        }

        var bytes = _buffer.Slice(_position, length);
        _position += length;
        try
        {
            return Utf8Field.Strict.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new Mm2FormatException(
                string.Create(CultureInfo.InvariantCulture, $"{_context}: field '{field}' at byte {start} is not valid UTF-8."),
                e);
        }
    }

    private ReadOnlySpan<byte> Take(int count, string field, string type)
    {
        var remaining = _buffer.Length - _position;
        if (remaining < count)
        {
            throw Fail(field, _position, $"needs {count} bytes for its {type}, but only {remaining} remain ({_buffer.Length} bytes in total)");
        }

        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }

    private readonly Mm2FormatException Fail(string field, int at, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{_context}: field '{field}' at byte {at} {problem}."));
}
