namespace Harness.Engine.Load;

/// <summary>
/// The stamp carried in the first bytes of a record's value instead of in a header: a four-byte marker, then the
/// <see cref="RecordStamp"/> bytes. librdkafka allocates a header list per record (four allocations for one header),
/// which cost the generator about a quarter of its rate; a value prefix costs nothing extra, and it keeps the records'
/// headers exactly as the scenario (or a captured profile) describes them. The value keeps its size: the stamp
/// replaces random bytes. Values shorter than <see cref="Size"/> carry the stamp as a header instead.
/// </summary>
public static class ValueStamp
{
    /// <summary>Bytes of marker and stamp at the start of a stamped value.</summary>
    public const int Size = MarkerSize + RecordStamp.Size;

    private const int MarkerSize = 4;

    /// <summary>
    /// The marker: a foreign value starting with it is a one-in-four-billion chance, and then its stamp's CRC still
    /// has to match before the record is taken for the harness's.
    /// </summary>
    public static ReadOnlySpan<byte> Marker => [0xF1, (byte)'h', (byte)'x', (byte)'s'];

    /// <summary>Writes the marker and <paramref name="stamp"/> into the first <see cref="Size"/> bytes of <paramref name="value"/>.</summary>
    public static void Write(in RecordStamp stamp, Span<byte> value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value.Length, Size, nameof(value));
        Marker.CopyTo(value);
        stamp.EncodeTo(value[MarkerSize..]);
    }

    /// <summary>
    /// Splits a value that starts with the marker into its stamp bytes and the content after them, which is what the
    /// stamp's content hash covers; false for any other value.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> stamp, out ReadOnlySpan<byte> content)
    {
        if (value.Length < Size || !value[..MarkerSize].SequenceEqual(Marker))
        {
            stamp = default;
            content = default;
            return false;
        }

        stamp = value[MarkerSize..Size];
        content = value[Size..];
        return true;
    }
}
