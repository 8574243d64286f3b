using System.Buffers.Binary;
using Harness.Broker.Protocol;
using Harness.Broker.Records;

namespace Harness.Broker.Tests.Fuzz;

/// <summary>Well-formed request frames (with their 4-byte size prefix), written from the protocol guide, to send raw and to mutate.</summary>
internal static class RequestSamples
{
    public const string Topic = "fuzz-target";

    public static byte[] Frame(ApiKey api, short version, int correlationId, Action<KafkaWriter> body, bool flexibleHeader = false) =>
        Frame((short)api, version, correlationId, body, flexibleHeader);

    public static byte[] Frame(short api, short version, int correlationId, Action<KafkaWriter> body, bool flexibleHeader = false)
    {
        var writer = new KafkaWriter();
        writer.WriteInt16(api);
        writer.WriteInt16(version);
        writer.WriteInt32(correlationId);
        writer.WriteNullableString("fuzz");
        if (flexibleHeader)
        {
            writer.WriteEmptyTaggedFields();
        }

        body(writer);
        return Flatten(writer.Complete());
    }

    /// <summary>One sample of every API the client tests use, at an old and a new version.</summary>
    public static IReadOnlyList<byte[]> All(int correlationId) =>
    [
        Frame(ApiKey.ApiVersions, 0, correlationId, _ => { }),
        Frame(ApiKey.ApiVersions, 3, correlationId, w =>
        {
            w.WriteString("fuzz", flexible: true);
            w.WriteString("1.0", flexible: true);
            w.WriteEmptyTaggedFields();
        }, flexibleHeader: true),
        Frame(ApiKey.Metadata, 4, correlationId, w =>
        {
            w.WriteArrayLength(1);
            w.WriteString(Topic);
            w.WriteBool(false);
        }),
        Frame(ApiKey.Metadata, 0, correlationId, w => w.WriteArrayLength(0)),
        Frame(ApiKey.Produce, 7, correlationId, w =>
        {
            w.WriteNullableString(null);
            w.WriteInt16(1);
            w.WriteInt32(1000);
            w.WriteArrayLength(1);
            w.WriteString(Topic);
            w.WriteArrayLength(1);
            w.WriteInt32(0);
            w.WriteBytes(RecordBatch("fuzz"u8));
        }),
        Frame(ApiKey.Fetch, 11, correlationId, w =>
        {
            w.WriteInt32(-1);
            w.WriteInt32(50);
            w.WriteInt32(1);
            w.WriteInt32(1 << 20);
            w.WriteInt8(0);
            w.WriteInt32(0);
            w.WriteInt32(-1);
            w.WriteArrayLength(1);
            w.WriteString(Topic);
            w.WriteArrayLength(1);
            w.WriteInt32(0);
            w.WriteInt32(-1);
            w.WriteInt64(0);
            w.WriteInt64(-1);
            w.WriteInt32(1 << 20);
            w.WriteArrayLength(0);
            w.WriteString("");
        }),
        Frame(ApiKey.ListOffsets, 5, correlationId, w =>
        {
            w.WriteInt32(-1);
            w.WriteInt8(0);
            w.WriteArrayLength(1);
            w.WriteString(Topic);
            w.WriteArrayLength(1);
            w.WriteInt32(0);
            w.WriteInt32(-1);
            w.WriteInt64(-1);
        }),
        Frame(ApiKey.FindCoordinator, 2, correlationId, w =>
        {
            w.WriteString("fuzz-group");
            w.WriteInt8(0);
        }),
        Frame(ApiKey.InitProducerId, 1, correlationId, w =>
        {
            w.WriteNullableString(null);
            w.WriteInt32(1000);
        }),
        Frame(ApiKey.InitProducerId, 4, correlationId, w =>
        {
            w.WriteNullableString("fuzz-txn", flexible: true);
            w.WriteInt32(60_000);
            w.WriteInt64(-1);
            w.WriteInt16(-1);
            w.WriteEmptyTaggedFields();
        }, flexibleHeader: true),
        Frame(ApiKey.AddPartitionsToTxn, 3, correlationId, w =>
        {
            w.WriteString("fuzz-txn", flexible: true);
            w.WriteInt64(7); // never handed out (ids start above 1000), so nothing is ever added or ended
            w.WriteInt16((short)0);
            w.WriteArrayLength(1, flexible: true);
            w.WriteString(Topic, flexible: true);
            w.WriteArrayLength(1, flexible: true);
            w.WriteInt32(0);
            w.WriteEmptyTaggedFields();
            w.WriteEmptyTaggedFields();
        }, flexibleHeader: true),
        Frame(ApiKey.EndTxn, 1, correlationId, w =>
        {
            w.WriteString("fuzz-txn");
            w.WriteInt64(7); // never handed out (ids start above 1000), so nothing is ever added or ended
            w.WriteInt16((short)0);
            w.WriteBool(false);
        }),
        Frame(ApiKey.TxnOffsetCommit, 2, correlationId, w =>
        {
            w.WriteString("fuzz-txn");
            w.WriteString("fuzz-group");
            w.WriteInt64(7); // never handed out (ids start above 1000), so nothing is ever added or ended
            w.WriteInt16((short)0);
            w.WriteArrayLength(1);
            w.WriteString(Topic);
            w.WriteArrayLength(1);
            w.WriteInt32(0);
            w.WriteInt64(1);
            w.WriteInt32(-1);
            w.WriteNullableString(null);
        }),
        Frame(ApiKey.ListTransactions, 1, correlationId, w =>
        {
            w.WriteArrayLength(1, flexible: true);
            w.WriteString("Ongoing", flexible: true);
            w.WriteArrayLength(0, flexible: true);
            w.WriteInt64(-1);
            w.WriteEmptyTaggedFields();
        }, flexibleHeader: true),
        Frame(ApiKey.Metadata, 12, correlationId, w =>
        {
            w.WriteArrayLength(1, flexible: true);
            w.WriteUuid(Guid.Empty);
            w.WriteNullableString(Topic, flexible: true);
            w.WriteEmptyTaggedFields();
            w.WriteBool(false);
            w.WriteBool(false);
            w.WriteEmptyTaggedFields();
        }, flexibleHeader: true),
    ];

    /// <summary>A magic-2 batch holding one uncompressed record with a null key.</summary>
    public static byte[] RecordBatch(ReadOnlySpan<byte> value)
    {
        var record = new KafkaWriter();
        record.WriteInt8(0);
        WriteVarLong(record, 0);
        WriteVarLong(record, 0);
        WriteVarLong(record, -1);
        WriteVarLong(record, value.Length);
        foreach (var b in value)
        {
            record.WriteInt8((sbyte)b);
        }

        WriteVarLong(record, 0);
        var recordBody = Flatten(record.Complete())[4..];

        var batch = new KafkaWriter();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        batch.WriteInt64(0);
        batch.WriteInt32(0); // batch length, patched below
        batch.WriteInt32(-1);
        batch.WriteInt8(2);
        batch.WriteInt32(0); // CRC, patched below
        batch.WriteInt16((short)0);
        batch.WriteInt32(0);
        batch.WriteInt64(now);
        batch.WriteInt64(now);
        batch.WriteInt64(-1);
        batch.WriteInt16(-1);
        batch.WriteInt32(-1);
        batch.WriteInt32(1);
        WriteVarLong(batch, recordBody.Length);
        foreach (var b in recordBody)
        {
            batch.WriteInt8((sbyte)b);
        }

        var bytes = Flatten(batch.Complete())[4..];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), bytes.Length - 12);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(17), Crc32C.Compute(bytes.AsSpan(RecordBatchHeader.CrcCoverageStart)));
        return bytes;
    }

    private static void WriteVarLong(KafkaWriter writer, long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        while (zigzag >= 0x80)
        {
            writer.WriteInt8((sbyte)(byte)(zigzag | 0x80));
            zigzag >>= 7;
        }

        writer.WriteInt8((sbyte)(byte)zigzag);
    }

    private static byte[] Flatten(IList<ArraySegment<byte>> segments) => segments.SelectMany(s => s).ToArray();
}
