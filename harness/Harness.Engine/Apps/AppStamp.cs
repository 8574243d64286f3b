using System.Buffers.Binary;

namespace Harness.Engine.Apps;

/// <summary>
/// What an app writes as each record's value: run, app, key and the key's own sequence, so a consumer can tell, per
/// key, a record it has not seen yet from a re-read, and an older record arriving after a newer one. Stragglers carry
/// <see cref="Straggler"/>: they are counted as writes to the source after the move, not as the app's stream.
/// </summary>
internal readonly record struct AppStamp(ulong RunId, ushort App, int Key, long Sequence, long ProducedMs, bool OnTarget, bool Straggler)
{
    public const int Size = 32;

    private static ReadOnlySpan<byte> Magic => "hxa1"u8;

    public void EncodeTo(Span<byte> span)
    {
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt64BigEndian(span[4..], RunId);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], App);
        BinaryPrimitives.WriteInt32BigEndian(span[14..], Key);
        BinaryPrimitives.WriteInt64BigEndian(span[18..], Sequence);
        BinaryPrimitives.WriteInt32BigEndian(span[26..], (int)(ProducedMs & 0x7fffffff));
        span[30] = (byte)((OnTarget ? 1 : 0) | (Straggler ? 2 : 0));
        span[31] = 0;
    }

    public byte[] Encode()
    {
        var bytes = new byte[Size];
        EncodeTo(bytes);
        return bytes;
    }

    /// <summary>Reads a stamp; false for anything an app of this harness did not write.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out AppStamp stamp)
    {
        stamp = default;
        if (bytes.Length < Size || !bytes[..4].SequenceEqual(Magic))
        {
            return false;
        }

        stamp = new AppStamp(
            BinaryPrimitives.ReadUInt64BigEndian(bytes[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(bytes[12..]),
            BinaryPrimitives.ReadInt32BigEndian(bytes[14..]),
            BinaryPrimitives.ReadInt64BigEndian(bytes[18..]),
            BinaryPrimitives.ReadInt32BigEndian(bytes[26..]),
            (bytes[30] & 1) != 0,
            (bytes[30] & 2) != 0);
        return true;
    }
}
