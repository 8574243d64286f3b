using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>
/// DescribeProducers v0 (flexible), answered by each partition's leader: every producer the partition knows, with its
/// epoch, last sequence and timestamp, the coordinator epoch of its last marker and its open transaction's first offset.
/// </summary>
internal sealed class DescribeProducersHandler : IApiHandler
{
    public ApiKey Key => ApiKey.DescribeProducers;

    public short MinVersion => 0;

    public short MaxVersion => 0;

    public short FirstFlexibleVersion => 0;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var requested = new List<(string Topic, List<int> Partitions)>();
        for (var count = reader.ReadArrayLength(flexible: true); count > 0; count--)
        {
            var topic = reader.ReadString(flexible: true);
            var partitions = new List<int>();
            for (var p = reader.ReadArrayLength(flexible: true); p > 0; p--)
            {
                partitions.Add(reader.ReadInt32());
            }

            reader.SkipTaggedFields();
            requested.Add((topic, partitions));
        }

        reader.SkipTaggedFields();
        writer.WriteInt32(0);
        writer.WriteArrayLength(requested.Count, flexible: true);
        foreach (var (topic, partitions) in requested)
        {
            writer.WriteString(topic, flexible: true);
            writer.WriteArrayLength(partitions.Count, flexible: true);
            foreach (var index in partitions)
            {
                var partition = context.Cluster.FindPartition(topic, index);
                var error = context.InjectedError != ErrorCode.None ? context.InjectedError
                    : partition is null ? ErrorCode.UnknownTopicOrPartition
                    : partition.Leader != context.Broker.Id ? ErrorCode.NotLeaderOrFollower
                    : ErrorCode.None;
                var producers = error == ErrorCode.None ? partition!.Log.Producers() : [];
                writer.WriteInt32(index);
                writer.WriteInt16(error);
                writer.WriteNullableString(null, flexible: true);
                writer.WriteArrayLength(producers.Count, flexible: true);
                foreach (var producer in producers)
                {
                    writer.WriteInt64(producer.ProducerId);
                    writer.WriteInt32(producer.Epoch);
                    writer.WriteInt32(producer.LastSequence);
                    writer.WriteInt64(producer.LastTimestamp);
                    writer.WriteInt32(producer.CoordinatorEpoch);
                    writer.WriteInt64(producer.CurrentTxnStartOffset);
                    writer.WriteEmptyTaggedFields();
                }

                writer.WriteEmptyTaggedFields();
            }

            writer.WriteEmptyTaggedFields();
        }

        writer.WriteEmptyTaggedFields();
        return ValueTask.CompletedTask;
    }
}
