using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Groups;

/// <summary>The checks every group request makes before touching group state.</summary>
internal static class GroupRequestGuard
{
    /// <summary>
    /// An injected fault first; then GROUP_AUTHORIZATION_FAILED when an authorizer refuses the group to the principal
    /// (DESCRIBE for DescribeGroups and OffsetFetch, DELETE for DeleteGroups and OffsetDelete, READ otherwise); then INVALID_GROUP_ID for an empty id where Kafka requires one (membership and
    /// commits); then NOT_COORDINATOR when another broker coordinates the group, so the client re-finds it.
    /// </summary>
    public static ErrorCode Check(RequestContext context, string groupId, bool requireGroupId = true)
    {
        if (context.InjectedError != ErrorCode.None)
        {
            return context.InjectedError;
        }

        var operation = context.Header.ApiKey switch
        {
            ApiKey.DescribeGroups or ApiKey.OffsetFetch => AclOperation.Describe,
            ApiKey.DeleteGroups or ApiKey.OffsetDelete => AclOperation.Delete,
            _ => AclOperation.Read,
        };
        if (!context.IsAllowed(operation, AclResourceType.Group, groupId))
        {
            return ErrorCode.GroupAuthorizationFailed;
        }

        if (requireGroupId && groupId.Length == 0)
        {
            return ErrorCode.InvalidGroupId;
        }

        return context.Cluster.CoordinatorFor(groupId) == context.Broker ? ErrorCode.None : ErrorCode.NotCoordinator;
    }
}
