using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Transactions;

namespace Harness.Broker.Handlers;

/// <summary>
/// DescribeTransactions v0 (flexible): state, timeout, start time, producer id and epoch and the partitions of each
/// transactional id this broker coordinates; TRANSACTIONAL_ID_NOT_FOUND for unknown ids, NOT_COORDINATOR for others'.
/// </summary>
internal sealed class DescribeTransactionsHandler : IApiHandler
{
    public ApiKey Key => ApiKey.DescribeTransactions;

    public short MinVersion => 0;

    public short MaxVersion => 0;

    public short FirstFlexibleVersion => 0;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var ids = new List<string>();
        for (var count = reader.ReadArrayLength(flexible: true); count > 0; count--)
        {
            ids.Add(reader.ReadString(flexible: true));
        }

        reader.SkipTaggedFields();
        writer.WriteInt32(0);
        writer.WriteArrayLength(ids.Count, flexible: true);
        foreach (var id in ids)
        {
            var error = TransactionRequestGuard.Check(context, id);
            var description = error == ErrorCode.None ? context.Cluster.Transactions.Describe(id) : null;
            if (error == ErrorCode.None && description is null)
            {
                error = ErrorCode.TransactionalIdNotFound;
            }

            writer.WriteInt16(error);
            writer.WriteString(id, flexible: true);
            writer.WriteString(description?.State.ToString() ?? "", flexible: true);
            writer.WriteInt32(description?.TimeoutMs ?? 0);
            writer.WriteInt64(description?.StartTimestampMs ?? -1);
            writer.WriteInt64(description?.ProducerId ?? -1);
            writer.WriteInt32(description?.Epoch ?? -1);
            var byTopic = (description?.Partitions ?? []).GroupBy(p => p.Topic, StringComparer.Ordinal).ToList();
            writer.WriteArrayLength(byTopic.Count, flexible: true);
            foreach (var topic in byTopic)
            {
                writer.WriteString(topic.Key, flexible: true);
                writer.WriteArrayLength(topic.Count(), flexible: true);
                foreach (var partition in topic)
                {
                    writer.WriteInt32(partition.Partition);
                }

                writer.WriteEmptyTaggedFields();
            }

            writer.WriteEmptyTaggedFields();
        }

        writer.WriteEmptyTaggedFields();
        return ValueTask.CompletedTask;
    }
}
