using System.Buffers.Binary;

namespace Harness.Broker.Records;

/// <summary>
/// The fixed 61-byte header of a magic-2 record batch. The broker reads only this header: record bodies stay
/// exactly as the producer compressed them.
/// </summary>
public readonly record struct RecordBatchHeader(
    long BaseOffset,
    int BatchLength,
    int PartitionLeaderEpoch,
    sbyte Magic,
    uint Crc,
    short Attributes,
    int LastOffsetDelta,
    long BaseTimestamp,
    long MaxTimestamp,
    long ProducerId,
    short ProducerEpoch,
    int BaseSequence,
    int RecordCount)
{
    /// <summary>Size of the header in bytes.</summary>
    public const int Size = 61;

    /// <summary>Offset of the attributes field, where the CRC coverage starts.</summary>
    public const int CrcCoverageStart = 21;

    /// <summary>Compression codec id (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd).</summary>
    public int Compression => Attributes & 0x7;

    /// <summary>True when the batch belongs to a transaction.</summary>
    public bool IsTransactional => (Attributes & 0x10) != 0;

    /// <summary>True for a transaction marker batch.</summary>
    public bool IsControl => (Attributes & 0x20) != 0;

    /// <summary>True when the producer is idempotent (has a producer id).</summary>
    public bool HasProducerId => ProducerId >= 0;

    /// <summary>The sequence number of the batch's last record (wrapping as Kafka does).</summary>
    public int LastSequence => BaseSequence < 0 ? -1 : (int)((BaseSequence + (long)LastOffsetDelta) % ((long)int.MaxValue + 1));

    /// <summary>Parses the header at the start of <paramref name="batch"/>.</summary>
    public static RecordBatchHeader Read(ReadOnlySpan<byte> batch) => new(
        BinaryPrimitives.ReadInt64BigEndian(batch),
        BinaryPrimitives.ReadInt32BigEndian(batch[8..]),
        BinaryPrimitives.ReadInt32BigEndian(batch[12..]),
        (sbyte)batch[16],
        BinaryPrimitives.ReadUInt32BigEndian(batch[17..]),
        BinaryPrimitives.ReadInt16BigEndian(batch[21..]),
        BinaryPrimitives.ReadInt32BigEndian(batch[23..]),
        BinaryPrimitives.ReadInt64BigEndian(batch[27..]),
        BinaryPrimitives.ReadInt64BigEndian(batch[35..]),
        BinaryPrimitives.ReadInt64BigEndian(batch[43..]),
        BinaryPrimitives.ReadInt16BigEndian(batch[51..]),
        BinaryPrimitives.ReadInt32BigEndian(batch[53..]),
        BinaryPrimitives.ReadInt32BigEndian(batch[57..]));
}
