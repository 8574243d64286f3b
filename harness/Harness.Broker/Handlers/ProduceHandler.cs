using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;
using Harness.Broker.Records;
using Harness.Broker.Storage;

namespace Harness.Broker.Handlers;

/// <summary>
/// Produce v3-v9 (magic-2 batches; flexible from v9): acks 0/1/all, idempotent sequence checks, transactional batches accepted only on
/// partitions added to their producer's open transaction (INVALID_TXN_STATE otherwise), batches stored as received.
/// An injected REQUEST_TIMED_OUT is answered after the append (the write happened, the acknowledgement did not);
/// every other injected error refuses the write.
/// </summary>
internal sealed class ProduceHandler : IApiHandler
{
    public ApiKey Key => ApiKey.Produce;

    public short MinVersion => 3;

    public short MaxVersion => 9;

    public short FirstFlexibleVersion => 9;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var flexible = context.Flexible;
        var transactionalId = reader.ReadNullableString(flexible);
        var acks = reader.ReadInt16();
        reader.ReadInt32(); // timeout: appends complete at once, so there is nothing to wait for
        var topicCount = reader.ReadArrayLength(flexible);
        var results = new List<(string Topic, List<(int Partition, AppendOutcome Outcome)> Partitions)>(Math.Max(topicCount, 0));
        for (var t = 0; t < topicCount; t++)
        {
            var topic = reader.ReadString(flexible);
            var partitionCount = reader.ReadArrayLength(flexible);
            var partitions = new List<(int, AppendOutcome)>(Math.Max(partitionCount, 0));
            for (var p = 0; p < partitionCount; p++)
            {
                var index = reader.ReadInt32();
                var records = reader.ReadNullableBytes(flexible);
                if (flexible)
                {
                    reader.SkipTaggedFields();
                }

                partitions.Add((index, Append(context, topic, index, records, acks, transactionalId)));
            }

            if (flexible)
            {
                reader.SkipTaggedFields();
            }

            results.Add((topic, partitions));
        }

        if (acks == 0)
        {
            context.SuppressResponse = true;
            return ValueTask.CompletedTask;
        }

        writer.WriteArrayLength(results.Count, flexible);
        foreach (var (topic, partitions) in results)
        {
            writer.WriteString(topic, flexible);
            writer.WriteArrayLength(partitions.Count, flexible);
            foreach (var (index, outcome) in partitions)
            {
                writer.WriteInt32(index);
                writer.WriteInt16(outcome.Error);
                writer.WriteInt64(outcome.BaseOffset);
                writer.WriteInt64(outcome.LogAppendTime);
                if (version >= 5)
                {
                    writer.WriteInt64(outcome.LogStartOffset);
                }

                if (version >= 8)
                {
                    writer.WriteArrayLength(0, flexible); // record errors
                    writer.WriteNullableString(outcome.Message, flexible);
                }

                if (flexible)
                {
                    writer.WriteEmptyTaggedFields();
                }
            }

            if (flexible)
            {
                writer.WriteEmptyTaggedFields();
            }
        }

        writer.WriteInt32(0);
        if (flexible)
        {
            writer.WriteEmptyTaggedFields();
        }

        return ValueTask.CompletedTask;
    }

    private static AppendOutcome Append(RequestContext context, string topicName, int index, ArraySegment<byte>? records, short acks, string? transactionalId)
    {
        var cluster = context.Cluster;
        var injected = context.InjectedError;
        if (injected is not (ErrorCode.None or ErrorCode.RequestTimedOut))
        {
            return AppendOutcome.Failed(injected, -1, "injected by the harness faults API");
        }

        if (!context.IsAllowed(AclOperation.Write, AclResourceType.Topic, topicName))
        {
            return AppendOutcome.Failed(ErrorCode.TopicAuthorizationFailed, -1);
        }

        if (transactionalId is not null && !context.IsAllowed(AclOperation.Write, AclResourceType.TransactionalId, transactionalId))
        {
            return AppendOutcome.Failed(ErrorCode.TransactionalIdAuthorizationFailed, -1);
        }

        if (acks is not (0 or 1 or -1))
        {
            return AppendOutcome.Failed(ErrorCode.InvalidRequiredAcks, -1, $"acks must be 0, 1 or -1, got {acks}");
        }

        if (!cluster.Topics.TryGetValue(topicName, out var topic) || index < 0 || index >= topic.Partitions.Length)
        {
            return AppendOutcome.Failed(ErrorCode.UnknownTopicOrPartition, -1);
        }

        var partition = topic.Partitions[index];
        if (partition.Leader != context.Broker.Id)
        {
            return AppendOutcome.Failed(ErrorCode.NotLeaderOrFollower, -1);
        }

        var config = topic.Config;
        if (acks == -1 && cluster.InSyncReplicas(partition).Length < config.MinInsyncReplicas)
        {
            return AppendOutcome.Failed(ErrorCode.NotEnoughReplicas, partition.Log.LogStartOffset,
                $"{cluster.InSyncReplicas(partition).Length} in-sync replicas, min.insync.replicas is {config.MinInsyncReplicas}");
        }

        if (records is not { } data || data.Count < RecordBatchHeader.Size)
        {
            return AppendOutcome.Failed(ErrorCode.CorruptMessage, -1, "record set is empty or shorter than a batch header");
        }

        var header = RecordBatchHeader.Read(data);
        if (header.Magic != 2)
        {
            return AppendOutcome.Failed(ErrorCode.UnsupportedForMessageFormat, -1, $"record batch magic {header.Magic} is not supported; only magic 2");
        }

        if (header.BatchLength + 12L != data.Count)
        {
            return AppendOutcome.Failed(ErrorCode.InvalidRecord, -1, "a produce request partition must hold exactly one record batch");
        }

        if (Crc32C.Compute(data.AsSpan(RecordBatchHeader.CrcCoverageStart)) != header.Crc)
        {
            return AppendOutcome.Failed(ErrorCode.CorruptMessage, -1, "record batch CRC does not match its contents");
        }

        if (header.IsControl)
        {
            return AppendOutcome.Failed(ErrorCode.InvalidRecord, -1, "control batches are written by the transaction coordinator, never produced");
        }

        if (header.IsTransactional != transactionalId is not null)
        {
            // Kafka's rule: transactional batches come with their transactional id, and only they do.
            return AppendOutcome.Failed(ErrorCode.InvalidRecord, -1, header.IsTransactional
                ? "a transactional batch needs the request's transactional id"
                : "a request with a transactional id must hold transactional batches");
        }

        if (data.Count > config.MaxMessageBytes)
        {
            return AppendOutcome.Failed(ErrorCode.MessageTooLarge, -1, $"batch of {data.Count} bytes exceeds max.message.bytes {config.MaxMessageBytes}");
        }

        var (_, epoch) = partition.Snapshot();
        var outcome = partition.Log.Append(data, header, config, epoch, cluster.NowMs);
        if (injected == ErrorCode.RequestTimedOut && outcome.Error == ErrorCode.None)
        {
            // As on Kafka when the followers do not confirm in time: the leader has the batch, the producer is told
            // it timed out, and its retry must be recognised as a duplicate.
            return AppendOutcome.Failed(ErrorCode.RequestTimedOut, outcome.LogStartOffset, "injected by the harness faults API after the append");
        }

        return outcome;
    }
}
