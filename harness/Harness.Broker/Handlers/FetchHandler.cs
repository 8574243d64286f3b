using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Handlers;

/// <summary>
/// Fetch v4-v12 (flexible from v12) without fetch sessions (every request is a full fetch, which the protocol allows by answering
/// session id 0). Many batches per partition, max bytes and partition max bytes honoured, and a long poll that
/// wakes on the first append to any requested partition. read_committed reads stop at the last stable offset and
/// list the aborted transactions of the range returned.
/// </summary>
internal sealed class FetchHandler : IApiHandler
{
    public ApiKey Key => ApiKey.Fetch;

    public short MinVersion => 4;

    public short MaxVersion => 12;

    public short FirstFlexibleVersion => 12;

    public async ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var flexible = context.Flexible;
        reader.ReadInt32(); // replica id: followers are internal, every fetcher is a consumer
        var maxWaitMs = reader.ReadInt32();
        var minBytes = reader.ReadInt32();
        var maxBytes = reader.ReadInt32();
        var readCommitted = reader.ReadInt8() == 1; // isolation level: read_committed stops at the last stable offset
        var sessionId = 0;
        if (version >= 7)
        {
            sessionId = reader.ReadInt32();
            reader.ReadInt32(); // session epoch
        }

        var requests = new List<FetchPartitionRequest>();
        var topicCount = reader.ReadArrayLength(flexible);
        for (var t = 0; t < topicCount; t++)
        {
            var topic = reader.ReadString(flexible);
            var partitionCount = reader.ReadArrayLength(flexible);
            for (var p = 0; p < partitionCount; p++)
            {
                var partition = reader.ReadInt32();
                var leaderEpoch = version >= 9 ? reader.ReadInt32() : -1;
                var offset = reader.ReadInt64();
                if (version >= 12)
                {
                    reader.ReadInt32(); // last fetched epoch: only followers use it, and there are none on the wire
                }

                if (version >= 5)
                {
                    reader.ReadInt64(); // follower log start offset
                }

                var partitionMaxBytes = reader.ReadInt32();
                if (flexible)
                {
                    reader.SkipTaggedFields();
                }

                requests.Add(new FetchPartitionRequest(topic, partition, leaderEpoch, offset, partitionMaxBytes));
            }

            if (flexible)
            {
                reader.SkipTaggedFields();
            }
        }

        // The forgotten topics, rack id and trailing tagged fields that follow matter only to fetch sessions and
        // follower fetching, neither of which this broker has; they are left unread.

        var topLevelError = sessionId != 0 ? ErrorCode.FetchSessionIdNotFound : ErrorCode.None;
        var results = topLevelError == ErrorCode.None
            ? await CollectAsync(context, requests, maxWaitMs, minBytes, maxBytes, readCommitted).ConfigureAwait(false)
            : [];

        writer.WriteInt32(0);
        if (version >= 7)
        {
            writer.WriteInt16(topLevelError);
            writer.WriteInt32(0);
        }

        var byTopic = results.GroupBy(r => r.Request.Topic, StringComparer.Ordinal).ToList();
        writer.WriteArrayLength(byTopic.Count, flexible);
        foreach (var group in byTopic)
        {
            writer.WriteString(group.Key, flexible);
            var partitions = group.ToList();
            writer.WriteArrayLength(partitions.Count, flexible);
            foreach (var result in partitions)
            {
                writer.WriteInt32(result.Request.Partition);
                writer.WriteInt16(result.Error);
                writer.WriteInt64(result.HighWatermark);
                writer.WriteInt64(result.LastStableOffset);
                if (version >= 5)
                {
                    writer.WriteInt64(result.LogStartOffset);
                }

                // Null at read_uncommitted, as Kafka answers: the consumer keeps every record then.
                var aborted = result.AbortedTransactions;
                writer.WriteArrayLength(aborted?.Count ?? -1, flexible);
                foreach (var transaction in aborted ?? [])
                {
                    writer.WriteInt64(transaction.ProducerId);
                    writer.WriteInt64(transaction.FirstOffset);
                    if (flexible)
                    {
                        writer.WriteEmptyTaggedFields();
                    }
                }

                if (version >= 11)
                {
                    writer.WriteInt32(-1);
                }

                // Records: INT32 length, or in flexible versions an unsigned varint of length + 1 (never null here).
                if (flexible)
                {
                    writer.WriteUnsignedVarInt((uint)result.Bytes + 1);
                }
                else
                {
                    writer.WriteInt32(result.Bytes);
                }

                foreach (var batch in result.Batches)
                {
                    writer.WriteExternal(batch);
                }

                if (flexible)
                {
                    writer.WriteEmptyTaggedFields(); // no diverging epoch, current leader or snapshot id to report
                }
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

    private static async Task<List<FetchPartitionResult>> CollectAsync(RequestContext context, List<FetchPartitionRequest> requests, int maxWaitMs, int minBytes, int maxBytes,
        bool readCommitted)
    {
        var deadline = context.Cluster.Time.GetTimestamp() + (long)(maxWaitMs * (context.Cluster.Time.TimestampFrequency / 1000.0));
        while (true)
        {
            var waits = new List<Task>();
            var results = new List<FetchPartitionResult>(requests.Count);
            var total = 0;
            var anyError = false;
            foreach (var request in requests)
            {
                var result = Read(context, request, maxBytes - total, total == 0, readCommitted, waits);
                total += result.Bytes;
                anyError |= result.Error != ErrorCode.None;
                results.Add(result);
            }

            var remaining = context.Cluster.Time.GetElapsedTime(context.Cluster.Time.GetTimestamp(), deadline);
            if (total >= minBytes || anyError || remaining <= TimeSpan.Zero || waits.Count == 0 || context.Broker.Status != Faults.BrokerStatus.Up)
            {
                return results;
            }

            try
            {
                await Task.WhenAny(waits).WaitAsync(remaining, context.Cluster.Time, context.Cancellation).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Deadline reached: answer with whatever is there now.
            }
        }
    }

    private static FetchPartitionResult Read(RequestContext context, FetchPartitionRequest request, int responseBytesLeft, bool firstWithData, bool readCommitted,
        List<Task> waits)
    {
        var result = new FetchPartitionResult(request, readCommitted ? [] : null);
        if (context.InjectedError != ErrorCode.None)
        {
            result.Error = context.InjectedError;
            return result;
        }

        if (!context.IsAllowed(AclOperation.Read, AclResourceType.Topic, request.Topic))
        {
            result.Error = ErrorCode.TopicAuthorizationFailed;
            return result;
        }

        var partition = context.Cluster.FindPartition(request.Topic, request.Partition);
        if (partition is null)
        {
            result.Error = ErrorCode.UnknownTopicOrPartition;
            return result;
        }

        var (leader, epoch) = partition.Snapshot();
        result.Error = leader != context.Broker.Id ? ErrorCode.NotLeaderOrFollower
            : request.CurrentLeaderEpoch != -1 && request.CurrentLeaderEpoch < epoch ? ErrorCode.FencedLeaderEpoch
            : request.CurrentLeaderEpoch > epoch ? ErrorCode.UnknownLeaderEpoch
            : ErrorCode.None;
        if (result.Error != ErrorCode.None)
        {
            return result;
        }

        waits.Add(partition.Log.WaitForAppendAsync());
        var limit = Math.Max(0, Math.Min(request.PartitionMaxBytes, responseBytesLeft));
        result.Error = partition.Log.Read(request.FetchOffset, limit, firstWithData, result.Batches, out var bytes, out var bounds, result.AbortedTransactions);
        result.Bytes = bytes;
        result.HighWatermark = bounds.HighWatermark;
        result.LastStableOffset = bounds.LastStableOffset;
        result.LogStartOffset = bounds.LogStartOffset;
        return result;
    }
}
