using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Security;

/// <summary>Why a request to change ACLs (CreateAcls, DeleteAcls) is refused whole, as Kafka answers it, or none.</summary>
internal static class AclAlterRefusal
{
    /// <summary>SECURITY_DISABLED without an authorizer, CLUSTER_AUTHORIZATION_FAILED without ALTER on the cluster, else None.</summary>
    public static (ErrorCode Error, string? Message) For(RequestContext context) =>
        context.Security?.Cluster.Authorizer is null ? (ErrorCode.SecurityDisabled, "No Authorizer is configured on the broker")
        : !context.IsAllowed(AclOperation.Alter, AclResourceType.Cluster, Authorizer.ClusterName) ? (ErrorCode.ClusterAuthorizationFailed, "Cluster authorization failed.")
        : (ErrorCode.None, null);
}
