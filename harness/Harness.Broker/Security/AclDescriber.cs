using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Security;

/// <summary>The DescribeAcls response body of a cluster with an authorizer: the matching ACLs grouped by resource; needs DESCRIBE on the cluster.</summary>
internal static class AclDescriber
{
    public static void Write(RequestContext context, Authorizer authorizer, AclFilter filter, KafkaWriter writer)
    {
        var flexible = context.Flexible;
        var allowed = context.IsAllowed(AclOperation.Describe, AclResourceType.Cluster, Authorizer.ClusterName);
        var resources = allowed
            ? authorizer.Snapshot().Where(filter.Matches).GroupBy(a => (a.ResourceType, a.ResourceName, a.PatternType)).ToList()
            : [];
        writer.WriteInt32(0);
        writer.WriteInt16(allowed ? ErrorCode.None : ErrorCode.ClusterAuthorizationFailed);
        writer.WriteNullableString(allowed ? null : "Cluster authorization failed.", flexible);
        writer.WriteArrayLength(resources.Count, flexible);
        foreach (var resource in resources)
        {
            writer.WriteInt8((sbyte)resource.Key.ResourceType);
            writer.WriteString(resource.Key.ResourceName, flexible);
            if (context.Version >= 1)
            {
                writer.WriteInt8((sbyte)resource.Key.PatternType);
            }

            var acls = resource.ToList();
            writer.WriteArrayLength(acls.Count, flexible);
            foreach (var acl in acls)
            {
                AclCodec.WriteEntry(writer, acl, flexible);
            }

            if (flexible)
            {
                writer.WriteEmptyTaggedFields();
            }
        }

        if (flexible)
        {
            writer.WriteEmptyTaggedFields();
        }
    }
}
