using Harness.Broker.Groups;
using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Transactions;

namespace Harness.Broker.Handlers;

/// <summary>
/// AddPartitionsToTxn v0-v3 (flexible from v3), the client versions; v4+ batch several transactions and are sent by
/// brokers only. PRODUCER_FENCED from v2, INVALID_PRODUCER_EPOCH before.
/// </summary>
internal sealed class AddPartitionsToTxnHandler : IApiHandler
{
    public ApiKey Key => ApiKey.AddPartitionsToTxn;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => 3;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var flexible = context.Flexible;
        var transactionalId = reader.ReadString(flexible);
        var producerId = reader.ReadInt64();
        var epoch = reader.ReadInt16();
        var partitions = new List<TopicPartitionKey>();
        var shape = new List<(string Topic, int Partitions)>();
        var topicCount = reader.ReadArrayLength(flexible);
        for (var t = 0; t < topicCount; t++)
        {
            var topic = reader.ReadString(flexible);
            var partitionCount = reader.ReadArrayLength(flexible);
            shape.Add((topic, Math.Max(partitionCount, 0)));
            for (var p = 0; p < partitionCount; p++)
            {
                partitions.Add(new TopicPartitionKey(topic, reader.ReadInt32()));
            }

            if (flexible)
            {
                reader.SkipTaggedFields();
            }
        }

        if (flexible)
        {
            reader.SkipTaggedFields();
        }

        var refusal = TransactionRequestGuard.Check(context, transactionalId);
        var errors = refusal != ErrorCode.None ? partitions.Select(_ => refusal).ToList()
            : context.Cluster.Transactions.AddPartitions(transactionalId, producerId, epoch, partitions, producerFencedSupported: context.Version >= 2);
        PartitionErrorsResponse.Write(writer, shape, partitions.Select(e => e.Partition).ToList(), errors, flexible);
        return ValueTask.CompletedTask;
    }
}
