using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;
using Harness.Broker.Transactions;

namespace Harness.Broker.Handlers;

/// <summary>
/// InitProducerId v0-v4 (flexible from v2). Without a transactional id: a fresh producer id for an idempotent producer
/// (also when v3+ names its old one, which holds no state here), given IDEMPOTENT_WRITE on the cluster or WRITE on any topic. With one: the transaction coordinator's producer id
/// and epoch, bumped on every re-initialisation, fencing the previous producer of that id.
/// </summary>
internal sealed class InitProducerIdHandler : IApiHandler
{
    public ApiKey Key => ApiKey.InitProducerId;

    public short MinVersion => 0;

    public short MaxVersion => 4;

    public short FirstFlexibleVersion => 2;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var version = context.Version;
        var flexible = context.Flexible;
        var transactionalId = reader.ReadNullableString(flexible);
        var timeoutMs = reader.ReadInt32();
        var producerId = version >= 3 ? reader.ReadInt64() : -1;
        var epoch = version >= 3 ? reader.ReadInt16() : (short)-1;
        if (flexible)
        {
            reader.SkipTaggedFields();
        }

        var result = context.InjectedError != ErrorCode.None ? ProducerIdAndEpoch.Failed(context.InjectedError)
            : transactionalId is null && !MayWriteIdempotently(context) ? ProducerIdAndEpoch.Failed(ErrorCode.ClusterAuthorizationFailed)
            : transactionalId is null ? new ProducerIdAndEpoch(ErrorCode.None, context.Cluster.NextProducerId(), 0)
            : TransactionRequestGuard.Check(context, transactionalId) is var refusal && refusal != ErrorCode.None ? ProducerIdAndEpoch.Failed(refusal)
            : context.Cluster.Transactions.InitProducerId(transactionalId, timeoutMs, producerId, epoch, producerFencedSupported: version >= 4);
        writer.WriteInt32(0);
        writer.WriteInt16(result.Error);
        writer.WriteInt64(result.ProducerId);
        writer.WriteInt16(result.Epoch);
        if (flexible)
        {
            writer.WriteEmptyTaggedFields();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Kafka 3.x: IDEMPOTENT_WRITE on the cluster, or WRITE on any topic, lets a producer be idempotent.</summary>
    private static bool MayWriteIdempotently(RequestContext context) =>
        context.IsAllowed(AclOperation.IdempotentWrite, AclResourceType.Cluster, Authorizer.ClusterName) || context.IsAllowedOnAnyTopic(AclOperation.Write);
}
