using System.Buffers.Binary;
using Harness.Broker.Records;

namespace Harness.Broker.Tests.Storage;

/// <summary>Uncompressed magic-2 record batches built for storage tests: keyed or not, of a chosen size and timestamps.</summary>
internal static class TestBatches
{
    /// <summary>A batch of <paramref name="records"/> records with values of <paramref name="valueBytes"/> bytes, timestamps from <paramref name="timestamp"/> (one ms apart).</summary>
    public static byte[] Build(int records, long timestamp, int valueBytes = 100, Func<int, string?>? key = null, bool tombstones = false)
    {
        using var body = new MemoryStream();
        for (var i = 0; i < records; i++)
        {
            using var record = new MemoryStream();
            record.WriteByte(0);
            WriteVarLong(record, i); // timestamp delta
            WriteVarLong(record, i); // offset delta
            var k = key?.Invoke(i);
            if (k is null)
            {
                WriteVarLong(record, -1);
            }
            else
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(k);
                WriteVarLong(record, bytes.Length);
                record.Write(bytes);
            }

            if (tombstones)
            {
                WriteVarLong(record, -1);
            }
            else
            {
                WriteVarLong(record, valueBytes);
                record.Write(Enumerable.Range(0, valueBytes).Select(b => (byte)(b + i)).ToArray());
            }

            WriteVarLong(record, 0); // headers
            WriteVarLong(body, record.Length);
            record.WriteTo(body);
        }

        var data = new byte[RecordBatchHeader.Size + body.Length];
        var span = data.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span[8..], data.Length - 12);
        span[16] = 2;
        BinaryPrimitives.WriteInt32BigEndian(span[23..], records - 1);
        BinaryPrimitives.WriteInt64BigEndian(span[27..], timestamp);
        BinaryPrimitives.WriteInt64BigEndian(span[35..], timestamp + records - 1);
        BinaryPrimitives.WriteInt64BigEndian(span[43..], -1);
        BinaryPrimitives.WriteInt16BigEndian(span[51..], -1);
        BinaryPrimitives.WriteInt32BigEndian(span[53..], -1);
        BinaryPrimitives.WriteInt32BigEndian(span[57..], records);
        body.ToArray().CopyTo(span[RecordBatchHeader.Size..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[17..], Crc32C.Compute(span[RecordBatchHeader.CrcCoverageStart..]));
        return data;
    }

    private static void WriteVarLong(Stream stream, long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        while (zigzag >= 0x80)
        {
            stream.WriteByte((byte)(zigzag | 0x80));
            zigzag >>= 7;
        }

        stream.WriteByte((byte)zigzag);
    }
}
