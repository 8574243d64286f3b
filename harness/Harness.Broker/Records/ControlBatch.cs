using System.Buffers.Binary;

namespace Harness.Broker.Records;

/// <summary>
/// Builds transaction marker batches (KIP-98): one control record whose key is version 0 and the marker type
/// (0 abort, 1 commit) and whose value is version 0 and the coordinator epoch, in a batch with the transactional
/// and control attribute bits set and no sequence.
/// </summary>
internal static class ControlBatch
{
    /// <summary>Attribute bits of a marker batch: transactional (0x10) and control (0x20); no compression, create time.</summary>
    public const short MarkerAttributes = 0x10 | 0x20;

    private const int KeySize = 4;
    private const int ValueSize = 6;

    // attributes, timestamp delta, offset delta, key length, key, value length, value, header count: every varint
    // here is one byte because every value is below 64.
    private const int RecordBodySize = 1 + 1 + 1 + 1 + KeySize + 1 + ValueSize + 1;
    private const int RecordSize = 1 + RecordBodySize;

    /// <summary>The whole marker batch, base offset and partition leader epoch left 0 for the log to fill in.</summary>
    public static byte[] Marker(long producerId, short producerEpoch, bool commit, int coordinatorEpoch, long timestampMs)
    {
        var data = new byte[RecordBatchHeader.Size + RecordSize];
        var span = data.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span[8..], data.Length - 12);
        span[16] = 2; // magic
        BinaryPrimitives.WriteInt16BigEndian(span[21..], MarkerAttributes);
        BinaryPrimitives.WriteInt32BigEndian(span[23..], 0); // last offset delta: one record
        BinaryPrimitives.WriteInt64BigEndian(span[27..], timestampMs);
        BinaryPrimitives.WriteInt64BigEndian(span[35..], timestampMs);
        BinaryPrimitives.WriteInt64BigEndian(span[43..], producerId);
        BinaryPrimitives.WriteInt16BigEndian(span[51..], producerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(span[53..], -1); // markers carry no sequence
        BinaryPrimitives.WriteInt32BigEndian(span[57..], 1);

        var record = span[RecordBatchHeader.Size..];
        record[0] = ZigZag(RecordBodySize);
        record[1] = 0; // record attributes
        record[2] = 0; // timestamp delta
        record[3] = 0; // offset delta
        record[4] = ZigZag(KeySize);
        BinaryPrimitives.WriteInt16BigEndian(record[5..], 0); // key version
        BinaryPrimitives.WriteInt16BigEndian(record[7..], commit ? (short)1 : (short)0);
        record[9] = ZigZag(ValueSize);
        BinaryPrimitives.WriteInt16BigEndian(record[10..], 0); // value version
        BinaryPrimitives.WriteInt32BigEndian(record[12..], coordinatorEpoch);
        record[16] = 0; // no headers

        BinaryPrimitives.WriteUInt32BigEndian(span[17..], Crc32C.Compute(span[RecordBatchHeader.CrcCoverageStart..]));
        return data;
    }

    private static byte ZigZag(int value) => (byte)(value << 1);
}
