using System.Buffers.Binary;
using System.IO.Compression;

namespace Harness.Broker.Records;

/// <summary>
/// Reads the records of a magic-2 batch and writes a copy that keeps only some of them, for log compaction. The kept
/// records are copied byte for byte: their offset and timestamp deltas stay relative to the unchanged base offset and
/// base timestamp, and the batch keeps its last offset delta and producer fields, as Kafka's cleaner keeps them (a
/// consumer sees the gaps as offsets that are simply not there).
/// </summary>
/// <remarks>
/// Uncompressed and gzip batches are understood. Snappy, lz4 and zstd batches are not (no codec here): the cleaner
/// keeps them whole and does not let their keys supersede older records, which only ever compacts less.
/// </remarks>
internal static class BatchRecords
{
    /// <summary>True when the records of a batch with this header can be read here.</summary>
    public static bool CanDecode(RecordBatchHeader header) => header.Compression is 0 or 1;

    /// <summary>The record area of a batch, decompressed.</summary>
    public static byte[] Body(ReadOnlySpan<byte> batch, RecordBatchHeader header)
    {
        var raw = batch[RecordBatchHeader.Size..];
        if (header.Compression == 0)
        {
            return raw.ToArray();
        }

        using var input = new GZipStream(new MemoryStream(raw.ToArray()), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Every record of a decoded record area, in order.</summary>
    public static List<BatchRecord> Parse(byte[] body, int count)
    {
        var records = new List<BatchRecord>(count);
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            var start = position;
            var length = (int)ReadVarLong(body, ref position);
            var end = position + length;
            position++; // attributes
            ReadVarLong(body, ref position); // timestamp delta
            var offsetDelta = (int)ReadVarLong(body, ref position);
            var keyLength = (int)ReadVarLong(body, ref position);
            byte[]? key = null;
            if (keyLength >= 0)
            {
                key = body.AsSpan(position, keyLength).ToArray();
                position += keyLength;
            }

            var valueLength = ReadVarLong(body, ref position);
            records.Add(new BatchRecord(start, end - start, offsetDelta, key, valueLength < 0));
            position = end;
        }

        return records;
    }

    /// <summary>
    /// A new batch with the header of <paramref name="batch"/> and only <paramref name="kept"/> of its records
    /// (compressed again with the batch's codec), its length, record count and CRC recomputed.
    /// </summary>
    public static byte[] Rewrite(ReadOnlySpan<byte> batch, RecordBatchHeader header, byte[] body, IReadOnlyList<BatchRecord> kept)
    {
        using var records = new MemoryStream();
        foreach (var record in kept)
        {
            records.Write(body, record.Start, record.Length);
        }

        var area = records.ToArray();
        if (header.Compression == 1)
        {
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(area);
            }

            area = compressed.ToArray();
        }

        var data = new byte[RecordBatchHeader.Size + area.Length];
        batch[..RecordBatchHeader.Size].CopyTo(data);
        area.CopyTo(data.AsSpan(RecordBatchHeader.Size));
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(8), data.Length - 12);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(57), kept.Count);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(17), Crc32C.Compute(data.AsSpan(RecordBatchHeader.CrcCoverageStart)));
        return data;
    }

    /// <summary>True when a control batch is an ABORT marker (its key's type field is 0).</summary>
    public static bool IsAbortMarker(ReadOnlySpan<byte> batch)
    {
        var body = batch[RecordBatchHeader.Size..].ToArray();
        var records = Parse(body, 1);
        return records.Count == 1 && records[0].Key is { Length: >= 4 } key && BinaryPrimitives.ReadInt16BigEndian(key.AsSpan(2)) == 0;
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
