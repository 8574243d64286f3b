using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Security;

/// <summary>DeleteAcls v0-3 (flexible from v2): removes every ACL a filter matches and lists them; needs ALTER on the cluster.</summary>
internal sealed class DeleteAclsHandler : ISecurityApiHandler
{
    public ApiKey Key => ApiKey.DeleteAcls;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => 2;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var flexible = context.Flexible;
        var version = context.Version;
        var count = reader.ReadArrayLength(flexible);
        var filters = new List<AclFilter>();
        for (var i = 0; i < count; i++)
        {
            filters.Add(AclCodec.ReadFilter(reader, version, flexible));
        }

        if (flexible)
        {
            reader.SkipTaggedFields();
        }

        var authorizer = context.Security?.Cluster.Authorizer;
        var refusal = AclAlterRefusal.For(context);
        writer.WriteInt32(0);
        writer.WriteArrayLength(filters.Count, flexible);
        foreach (var filter in filters)
        {
            var removed = refusal.Item1 == ErrorCode.None ? authorizer!.Remove(filter) : [];
            writer.WriteInt16(refusal.Item1);
            writer.WriteNullableString(refusal.Item2, flexible);
            writer.WriteArrayLength(removed.Count, flexible);
            foreach (var acl in removed)
            {
                writer.WriteInt16(ErrorCode.None);
                writer.WriteNullableString(null, flexible);
                writer.WriteInt8((sbyte)acl.ResourceType);
                writer.WriteString(acl.ResourceName, flexible);
                if (version >= 1)
                {
                    writer.WriteInt8((sbyte)acl.PatternType);
                }

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

        return ValueTask.CompletedTask;
    }
}
