using System.IO.Compression;

namespace Harness.Broker.Records;

/// <summary>
/// Finds the first record at or after a timestamp inside one batch, for ListOffsets by time. Uncompressed and
/// gzip batches are scanned record by record; for other codecs the batch's base offset is answered, which is
/// never later than the exact answer, so a consumer seeking by time may re-read but never skips a record.
/// </summary>
internal static class RecordTimestampScanner
{
    public static (long Offset, long Timestamp)? FindFirstAtOrAfter(ReadOnlySpan<byte> batch, long timestamp)
    {
        var header = RecordBatchHeader.Read(batch);
        if (header.MaxTimestamp < timestamp)
        {
            return null;
        }

        if ((header.Attributes & 0x8) != 0)
        {
            // LogAppendTime: every record carries the batch's max timestamp.
            return (header.BaseOffset, header.MaxTimestamp);
        }

        byte[] records;
        switch (header.Compression)
        {
            case 0:
                records = batch[RecordBatchHeader.Size..].ToArray();
                break;
            case 1:
                using (var input = new GZipStream(new MemoryStream(batch[RecordBatchHeader.Size..].ToArray()), CompressionMode.Decompress))
                using (var output = new MemoryStream())
                {
                    input.CopyTo(output);
                    records = output.ToArray();
                }

                break;
            default:
                return (header.BaseOffset, header.MaxTimestamp);
        }

        var position = 0;
        for (var i = 0; i < header.RecordCount; i++)
        {
            var length = (int)ReadVarLong(records, ref position);
            var next = position + length;
            position++; // attributes
            var timestampDelta = ReadVarLong(records, ref position);
            var offsetDelta = ReadVarLong(records, ref position);
            var recordTimestamp = header.BaseTimestamp + timestampDelta;
            if (recordTimestamp >= timestamp)
            {
                return (header.BaseOffset + offsetDelta, recordTimestamp);
            }

            position = next;
        }

        return (header.BaseOffset, header.MaxTimestamp);
    }

    private static long ReadVarLong(byte[] data, ref int position)
    {
        ulong raw = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[position++];
            raw |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }
}
