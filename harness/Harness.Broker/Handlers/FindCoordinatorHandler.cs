using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Handlers;

/// <summary>
/// FindCoordinator v0-v2 for consumer groups (key type 0) and transactions (key type 1). Both coordinators live on
/// the broker the key hashes to among the live ones, so either moves only when its broker dies.
/// </summary>
internal sealed class FindCoordinatorHandler : IApiHandler
{
    private const sbyte GroupKey = 0;
    private const sbyte TransactionKey = 1;

    public ApiKey Key => ApiKey.FindCoordinator;

    public short MinVersion => 0;

    public short MaxVersion => 2;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var key = reader.ReadString();
        var keyType = context.Version >= 1 ? reader.ReadInt8() : GroupKey;
        var coordinator = context.Cluster.CoordinatorFor(key);
        var (error, message) = context.InjectedError != ErrorCode.None ? (context.InjectedError, (string?)null)
            : keyType is not (GroupKey or TransactionKey) ? (ErrorCode.InvalidRequest, $"unknown coordinator key type {keyType}")
            : keyType == TransactionKey && key.Length == 0 ? (ErrorCode.InvalidRequest, "a transactional id must not be empty")
            : keyType == GroupKey && !context.IsAllowed(AclOperation.Describe, AclResourceType.Group, key) ? (ErrorCode.GroupAuthorizationFailed, null)
            : keyType == TransactionKey && !context.IsAllowed(AclOperation.Describe, AclResourceType.TransactionalId, key) ? (ErrorCode.TransactionalIdAuthorizationFailed, null)
            : coordinator is null ? (ErrorCode.CoordinatorNotAvailable, "no broker is up")
            : (ErrorCode.None, null);
        if (context.Version >= 1)
        {
            writer.WriteInt32(0);
        }

        writer.WriteInt16(error);
        if (context.Version >= 1)
        {
            writer.WriteNullableString(message);
        }

        var ok = error == ErrorCode.None;
        writer.WriteInt32(ok ? coordinator!.Id : -1);
        writer.WriteString(ok ? coordinator!.Host : "");
        writer.WriteInt32(ok ? coordinator!.Port : -1);
        return ValueTask.CompletedTask;
    }
}
