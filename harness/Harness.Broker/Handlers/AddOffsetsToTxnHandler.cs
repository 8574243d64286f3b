using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Transactions;

namespace Harness.Broker.Handlers;

/// <summary>AddOffsetsToTxn v0-v3 (flexible from v3): a group's offsets join the transaction. PRODUCER_FENCED from v2.</summary>
internal sealed class AddOffsetsToTxnHandler : IApiHandler
{
    public ApiKey Key => ApiKey.AddOffsetsToTxn;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => 3;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var flexible = context.Flexible;
        var transactionalId = reader.ReadString(flexible);
        var producerId = reader.ReadInt64();
        var epoch = reader.ReadInt16();
        var groupId = reader.ReadString(flexible);
        if (flexible)
        {
            reader.SkipTaggedFields();
        }

        var error = TransactionRequestGuard.Check(context, transactionalId);
        if (error == ErrorCode.None)
        {
            error = groupId.Length == 0 ? ErrorCode.InvalidGroupId
                : context.Cluster.Transactions.AddOffsets(transactionalId, producerId, epoch, groupId, producerFencedSupported: context.Version >= 2);
        }

        writer.WriteInt32(0);
        writer.WriteInt16(error);
        if (flexible)
        {
            writer.WriteEmptyTaggedFields();
        }

        return ValueTask.CompletedTask;
    }
}
