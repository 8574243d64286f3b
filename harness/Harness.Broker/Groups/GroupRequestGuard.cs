using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Groups;

/// <summary>The checks every group request makes before touching group state.</summary>
internal static class GroupRequestGuard
{
    /// <summary>
    /// An injected fault first; then INVALID_GROUP_ID for an empty id where Kafka requires one (membership and
    /// commits); then NOT_COORDINATOR when another broker coordinates the group, so the client re-finds it.
    /// </summary>
    public static ErrorCode Check(RequestContext context, string groupId, bool requireGroupId = true)
    {
        if (context.InjectedError != ErrorCode.None)
        {
            return context.InjectedError;
        }

        if (requireGroupId && groupId.Length == 0)
        {
            return ErrorCode.InvalidGroupId;
        }

        return context.Cluster.CoordinatorFor(groupId) == context.Broker ? ErrorCode.None : ErrorCode.NotCoordinator;
    }
}
