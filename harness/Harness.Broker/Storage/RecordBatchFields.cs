using System.Buffers.Binary;

namespace Harness.Broker.Storage;

/// <summary>
/// The few fields of a stored batch's header that storage reads without decoding the whole header (Kafka's
/// RecordBatch v2 layout: base offset at 0, batch length at 8, attributes at 21, last offset delta at 23, max
/// timestamp at 35).
/// </summary>
internal static class RecordBatchFields
{
    /// <summary>Bytes of the header that hold the base offset, length, attributes, last offset delta and max timestamp.</summary>
    public const int Prefix = 43;

    public static long BaseOffset(ReadOnlySpan<byte> batch) => BinaryPrimitives.ReadInt64BigEndian(batch);

    /// <summary>The whole batch's size: the length field counts what follows it.</summary>
    public static int TotalSize(ReadOnlySpan<byte> batch) => 12 + BinaryPrimitives.ReadInt32BigEndian(batch[8..]);

    public static bool IsControl(ReadOnlySpan<byte> batch) => (BinaryPrimitives.ReadInt16BigEndian(batch[21..]) & 0x20) != 0;

    public static int LastOffsetDelta(ReadOnlySpan<byte> batch) => BinaryPrimitives.ReadInt32BigEndian(batch[23..]);

    public static long LastOffset(ReadOnlySpan<byte> batch) => BaseOffset(batch) + LastOffsetDelta(batch);

    public static long MaxTimestamp(ReadOnlySpan<byte> batch) => BinaryPrimitives.ReadInt64BigEndian(batch[35..]);
}
