using System.Buffers.Binary;
using Harness.Broker.Protocol;
using Harness.Broker.Records;
using Harness.Broker.Tests.Fuzz;
using Harness.Testing;

namespace Harness.Broker.Tests.Transactions;

/// <summary>Transaction requests written by hand from the protocol's message definitions, for what clients do not send on purpose.</summary>
internal static class TransactionWire
{
    public static async Task<(ErrorCode Error, int NodeId)> FindCoordinatorAsync(KafkaWireClient client, string key, sbyte keyType = 1)
    {
        var reader = await client.SendAsync(ApiKey.FindCoordinator, 1, w =>
        {
            w.WriteString(key);
            w.WriteInt8(keyType);
        });
        reader.ReadInt32();
        var error = (ErrorCode)reader.ReadInt16();
        reader.ReadNullableString();
        return (error, reader.ReadInt32());
    }

    /// <summary>InitProducerId at <paramref name="version"/> (v2+ flexible; v3+ send the producer id and epoch).</summary>
    public static async Task<(ErrorCode Error, long ProducerId, short Epoch)> InitProducerIdAsync(KafkaWireClient client, string? transactionalId, int timeoutMs,
        short version = 1, long producerId = -1, short epoch = -1)
    {
        var flexible = version >= 2;
        var reader = await client.SendAsync(ApiKey.InitProducerId, version, w =>
        {
            w.WriteNullableString(transactionalId, flexible);
            w.WriteInt32(timeoutMs);
            if (version >= 3)
            {
                w.WriteInt64(producerId);
                w.WriteInt16(epoch);
            }

            if (flexible)
            {
                w.WriteEmptyTaggedFields();
            }
        }, flexible);
        reader.ReadInt32();
        return ((ErrorCode)reader.ReadInt16(), reader.ReadInt64(), reader.ReadInt16());
    }

    public static async Task<IReadOnlyList<ErrorCode>> AddPartitionsAsync(KafkaWireClient client, string transactionalId, long producerId, short epoch,
        string topic, int[] partitions, short version = 1)
    {
        var reader = await client.SendAsync(ApiKey.AddPartitionsToTxn, version, w =>
        {
            w.WriteString(transactionalId);
            w.WriteInt64(producerId);
            w.WriteInt16(epoch);
            w.WriteArrayLength(1);
            w.WriteString(topic);
            w.WriteArrayLength(partitions.Length);
            foreach (var p in partitions)
            {
                w.WriteInt32(p);
            }
        });
        reader.ReadInt32();
        reader.ReadArrayLength().Should().Be(1);
        reader.ReadString().Should().Be(topic);
        var errors = new List<ErrorCode>();
        for (var count = reader.ReadArrayLength(); count > 0; count--)
        {
            reader.ReadInt32();
            errors.Add((ErrorCode)reader.ReadInt16());
        }

        return errors;
    }

    public static async Task<ErrorCode> EndTxnAsync(KafkaWireClient client, string transactionalId, long producerId, short epoch, bool commit, short version = 1)
    {
        var reader = await client.SendAsync(ApiKey.EndTxn, version, w =>
        {
            w.WriteString(transactionalId);
            w.WriteInt64(producerId);
            w.WriteInt16(epoch);
            w.WriteBool(commit);
        });
        reader.ReadInt32();
        return (ErrorCode)reader.ReadInt16();
    }

    public static async Task<ErrorCode> AddOffsetsAsync(KafkaWireClient client, string transactionalId, long producerId, short epoch, string groupId)
    {
        var reader = await client.SendAsync(ApiKey.AddOffsetsToTxn, 1, w =>
        {
            w.WriteString(transactionalId);
            w.WriteInt64(producerId);
            w.WriteInt16(epoch);
            w.WriteString(groupId);
        });
        reader.ReadInt32();
        return (ErrorCode)reader.ReadInt16();
    }

    /// <summary>TxnOffsetCommit of one partition of topic "t": v2 (no member), or v3 (flexible) with a generation and member id.</summary>
    public static async Task<ErrorCode> TxnOffsetCommitAsync(KafkaWireClient client, string transactionalId, string groupId, long producerId, short epoch,
        int partition, long offset, (int Generation, string MemberId)? member = null)
    {
        var version = member is null ? (short)2 : (short)3;
        var flexible = version >= 3;
        var reader = await client.SendAsync(ApiKey.TxnOffsetCommit, version, w =>
        {
            w.WriteString(transactionalId, flexible);
            w.WriteString(groupId, flexible);
            w.WriteInt64(producerId);
            w.WriteInt16(epoch);
            if (member is { } m)
            {
                w.WriteInt32(m.Generation);
                w.WriteString(m.MemberId, flexible);
                w.WriteNullableString(null, flexible);
            }

            w.WriteArrayLength(1, flexible);
            w.WriteString("t", flexible);
            w.WriteArrayLength(1, flexible);
            w.WriteInt32(partition);
            w.WriteInt64(offset);
            w.WriteInt32(-1);
            w.WriteNullableString(null, flexible);
            if (flexible)
            {
                w.WriteEmptyTaggedFields();
                w.WriteEmptyTaggedFields();
                w.WriteEmptyTaggedFields();
            }
        }, flexible);
        reader.ReadInt32();
        reader.ReadArrayLength(flexible).Should().Be(1);
        reader.ReadString(flexible);
        reader.ReadArrayLength(flexible).Should().Be(1);
        reader.ReadInt32();
        return (ErrorCode)reader.ReadInt16();
    }

    /// <summary>ListOffsets v5 of one partition at an isolation level: (error, offset) for a timestamp, -1 latest or -2 earliest.</summary>
    public static async Task<(ErrorCode Error, long Offset)> ListOffsetAsync(KafkaWireClient client, string topic, int partition, long timestamp, sbyte isolation)
    {
        var reader = await client.SendAsync(ApiKey.ListOffsets, 5, w =>
        {
            w.WriteInt32(-1);
            w.WriteInt8(isolation);
            w.WriteArrayLength(1);
            w.WriteString(topic);
            w.WriteArrayLength(1);
            w.WriteInt32(partition);
            w.WriteInt32(-1);
            w.WriteInt64(timestamp);
        });
        reader.ReadInt32();
        reader.ReadArrayLength().Should().Be(1);
        reader.ReadString();
        reader.ReadArrayLength().Should().Be(1);
        reader.ReadInt32();
        var error = (ErrorCode)reader.ReadInt16();
        reader.ReadInt64();
        return (error, reader.ReadInt64());
    }

    /// <summary>Produces one transactional batch of one record to a partition leader; returns its error and base offset.</summary>
    public static async Task<(ErrorCode Error, long BaseOffset)> ProduceAsync(KafkaWireClient client, string transactionalId, string topic, int partition,
        long producerId, short epoch, int sequence, string value)
    {
        var batch = TransactionalBatch(producerId, epoch, sequence, value);
        var reader = await client.SendAsync(ApiKey.Produce, 7, w =>
        {
            w.WriteNullableString(transactionalId);
            w.WriteInt16(-1);
            w.WriteInt32(5000);
            w.WriteArrayLength(1);
            w.WriteString(topic);
            w.WriteArrayLength(1);
            w.WriteInt32(partition);
            w.WriteBytes(batch);
        });
        reader.ReadArrayLength().Should().Be(1);
        reader.ReadString();
        reader.ReadArrayLength().Should().Be(1);
        reader.ReadInt32();
        return ((ErrorCode)reader.ReadInt16(), reader.ReadInt64());
    }

    /// <summary>A one-record batch with the transactional bit, producer id, epoch and sequence set and its CRC resealed.</summary>
    public static byte[] TransactionalBatch(long producerId, short epoch, int sequence, string value)
    {
        var batch = RequestSamples.RecordBatch(System.Text.Encoding.UTF8.GetBytes(value));
        var span = batch.AsSpan();
        BinaryPrimitives.WriteInt16BigEndian(span[21..], 0x10);
        BinaryPrimitives.WriteInt64BigEndian(span[43..], producerId);
        BinaryPrimitives.WriteInt16BigEndian(span[51..], epoch);
        BinaryPrimitives.WriteInt32BigEndian(span[53..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(span[17..], Crc32C.Compute(span[RecordBatchHeader.CrcCoverageStart..]));
        return batch;
    }

    /// <summary>Fetch v11 of one partition at an isolation level (0 read_uncommitted, 1 read_committed), without waiting.</summary>
    public static async Task<WireFetch> FetchAsync(KafkaWireClient client, string topic, int partition, long offset, sbyte isolation)
    {
        var reader = await client.SendAsync(ApiKey.Fetch, 11, w =>
        {
            w.WriteInt32(-1);
            w.WriteInt32(0);
            w.WriteInt32(0);
            w.WriteInt32(1 << 20);
            w.WriteInt8(isolation);
            w.WriteInt32(0);
            w.WriteInt32(-1);
            w.WriteArrayLength(1);
            w.WriteString(topic);
            w.WriteArrayLength(1);
            w.WriteInt32(partition);
            w.WriteInt32(-1);
            w.WriteInt64(offset);
            w.WriteInt64(-1);
            w.WriteInt32(1 << 20);
            w.WriteArrayLength(0);
            w.WriteString("");
        });
        reader.ReadInt32();
        reader.ReadInt16();
        reader.ReadInt32();
        reader.ReadArrayLength().Should().Be(1);
        reader.ReadString();
        reader.ReadArrayLength().Should().Be(1);
        reader.ReadInt32();
        var error = (ErrorCode)reader.ReadInt16();
        var highWatermark = reader.ReadInt64();
        var lastStable = reader.ReadInt64();
        reader.ReadInt64();
        List<(long ProducerId, long FirstOffset)>? aborted = null;
        var abortedCount = reader.ReadArrayLength();
        if (abortedCount >= 0)
        {
            aborted = [];
            for (var i = 0; i < abortedCount; i++)
            {
                aborted.Add((reader.ReadInt64(), reader.ReadInt64()));
            }
        }

        reader.ReadInt32(); // preferred read replica
        var records = reader.ReadNullableBytes() ?? default;
        var headers = new List<RecordBatchHeader>();
        var batches = new List<byte[]>();
        for (var position = 0; position + RecordBatchHeader.Size <= records.Count;)
        {
            var header = RecordBatchHeader.Read(records.AsSpan(position));
            headers.Add(header);
            batches.Add(records.AsSpan(position, header.BatchLength + 12).ToArray());
            position += header.BatchLength + 12;
        }

        return new WireFetch(error, highWatermark, lastStable, aborted, headers, batches);
    }
}
