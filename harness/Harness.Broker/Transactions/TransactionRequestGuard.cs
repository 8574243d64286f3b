using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Transactions;

/// <summary>The checks every request to the transaction coordinator makes before touching transaction state.</summary>
internal static class TransactionRequestGuard
{
    /// <summary>
    /// An injected fault first; then INVALID_REQUEST for an empty transactional id; then TRANSACTIONAL_ID_AUTHORIZATION_FAILED
    /// when an authorizer refuses WRITE (DESCRIBE for DescribeTransactions) on it; then NOT_COORDINATOR when another
    /// broker coordinates the id, so the client finds the coordinator again (after a broker kill it has moved).
    /// </summary>
    public static ErrorCode Check(RequestContext context, string transactionalId)
    {
        if (context.InjectedError != ErrorCode.None)
        {
            return context.InjectedError;
        }

        if (transactionalId.Length == 0)
        {
            return ErrorCode.InvalidRequest;
        }

        if (!context.IsAllowed(context.Header.ApiKey == ApiKey.DescribeTransactions ? AclOperation.Describe : AclOperation.Write, AclResourceType.TransactionalId, transactionalId))
        {
            return ErrorCode.TransactionalIdAuthorizationFailed;
        }

        return context.Cluster.CoordinatorFor(transactionalId) == context.Broker ? ErrorCode.None : ErrorCode.NotCoordinator;
    }
}
