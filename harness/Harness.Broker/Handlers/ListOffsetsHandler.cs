using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Handlers;

/// <summary>
/// ListOffsets v1-v8 (flexible from v6): earliest (-2), latest (-1), by timestamp, the record with the largest
/// timestamp (-3, v7+, KIP-734) and the earliest local offset (-4, v8+, KIP-405; without tiered storage it is the
/// earliest); at read_committed the latest is the last stable offset and a timestamp lookup finds nothing from it on.
/// </summary>
internal sealed class ListOffsetsHandler : IApiHandler
{
    private const long Latest = -1;
    private const long Earliest = -2;
    private const long MaxTimestamp = -3;
    private const long EarliestLocal = -4;

    public ApiKey Key => ApiKey.ListOffsets;

    public short MinVersion => 1;

    public short MaxVersion => 8;

    public short FirstFlexibleVersion => 6;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var flexible = context.Flexible;
        reader.ReadInt32(); // replica id
        // read_committed (1) asks for the last stable offset as the latest; v0-v1 have no isolation level.
        var readCommitted = version >= 2 && reader.ReadInt8() == 1;

        if (version >= 2)
        {
            writer.WriteInt32(0);
        }

        // A flexible request's trailing tagged fields come after the topics, so the response is built as the request is read.
        var topicCount = reader.ReadArrayLength(flexible);
        writer.WriteArrayLength(Math.Max(topicCount, 0), flexible);
        for (var t = 0; t < topicCount; t++)
        {
            var topic = reader.ReadString(flexible);
            writer.WriteString(topic, flexible);
            var partitionCount = reader.ReadArrayLength(flexible);
            writer.WriteArrayLength(Math.Max(partitionCount, 0), flexible);
            for (var p = 0; p < partitionCount; p++)
            {
                var index = reader.ReadInt32();
                var requestedEpoch = version >= 4 ? reader.ReadInt32() : -1;
                var timestamp = reader.ReadInt64();
                if (flexible)
                {
                    reader.SkipTaggedFields();
                }

                var partition = context.Cluster.FindPartition(topic, index);
                var error = ErrorCode.None;
                long offset = -1, foundTimestamp = -1;
                var epoch = -1;
                if (context.InjectedError != ErrorCode.None)
                {
                    error = context.InjectedError;
                }
                else if (!context.IsAllowed(AclOperation.Describe, AclResourceType.Topic, topic))
                {
                    error = ErrorCode.TopicAuthorizationFailed;
                }
                else if (partition is null)
                {
                    error = ErrorCode.UnknownTopicOrPartition;
                }
                else
                {
                    var (leader, leaderEpoch) = partition.Snapshot();
                    epoch = leaderEpoch;
                    error = leader != context.Broker.Id ? ErrorCode.NotLeaderOrFollower
                        : requestedEpoch != -1 && requestedEpoch < leaderEpoch ? ErrorCode.FencedLeaderEpoch
                        : requestedEpoch > leaderEpoch ? ErrorCode.UnknownLeaderEpoch
                        : ErrorCode.None;
                    if (error == ErrorCode.None)
                    {
                        switch (timestamp)
                        {
                            case Latest:
                                offset = readCommitted ? partition.Log.LastStableOffset : partition.Log.HighWatermark;
                                break;
                            case Earliest:
                            case EarliestLocal when version >= 8:
                                offset = partition.Log.LogStartOffset;
                                break;
                            case MaxTimestamp when version >= 7:
                                if (partition.Log.MaxTimestampRecord() is { } max && (!readCommitted || max.Offset < partition.Log.LastStableOffset))
                                {
                                    (offset, foundTimestamp) = max;
                                }

                                break;
                            default:
                                // As in Kafka, a read_committed lookup finds nothing at or past the last stable offset.
                                if (partition.Log.OffsetForTimestamp(timestamp) is { } hit && (!readCommitted || hit.Offset < partition.Log.LastStableOffset))
                                {
                                    (offset, foundTimestamp) = hit;
                                }

                                break;
                        }
                    }
                }

                writer.WriteInt32(index);
                writer.WriteInt16(error);
                writer.WriteInt64(error == ErrorCode.None ? foundTimestamp : -1);
                writer.WriteInt64(error == ErrorCode.None ? offset : -1);
                if (version >= 4)
                {
                    writer.WriteInt32(epoch);
                }

                if (flexible)
                {
                    writer.WriteEmptyTaggedFields();
                }
            }

            if (flexible)
            {
                reader.SkipTaggedFields();
                writer.WriteEmptyTaggedFields();
            }
        }

        if (flexible)
        {
            reader.SkipTaggedFields();
            writer.WriteEmptyTaggedFields();
        }

        return ValueTask.CompletedTask;
    }
}
