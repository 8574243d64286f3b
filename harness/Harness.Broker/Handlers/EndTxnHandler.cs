using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Transactions;

namespace Harness.Broker.Handlers;

/// <summary>
/// EndTxn v0-v3 (flexible from v3): commits or aborts, writing the markers before answering (the log is shared, so
/// there is nothing to wait for). PRODUCER_FENCED from v2.
/// </summary>
internal sealed class EndTxnHandler : IApiHandler
{
    public ApiKey Key => ApiKey.EndTxn;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => 3;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var flexible = context.Flexible;
        var transactionalId = reader.ReadString(flexible);
        var producerId = reader.ReadInt64();
        var epoch = reader.ReadInt16();
        var commit = reader.ReadBool();
        if (flexible)
        {
            reader.SkipTaggedFields();
        }

        var error = TransactionRequestGuard.Check(context, transactionalId);
        if (error == ErrorCode.None)
        {
            error = context.Cluster.Transactions.EndTransaction(transactionalId, producerId, epoch, commit, producerFencedSupported: context.Version >= 2);
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
