using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Security;

/// <summary>CreateAcls v0-3 (flexible from v2): needs ALTER on the cluster; SECURITY_DISABLED without an authorizer, as in Kafka.</summary>
internal sealed class CreateAclsHandler : ISecurityApiHandler
{
    public ApiKey Key => ApiKey.CreateAcls;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => 2;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var flexible = context.Flexible;
        var count = reader.ReadArrayLength(flexible);
        var creations = new List<AclBinding>();
        for (var i = 0; i < count; i++)
        {
            creations.Add(AclCodec.ReadBinding(reader, context.Version, flexible));
        }

        if (flexible)
        {
            reader.SkipTaggedFields();
        }

        var authorizer = context.Security?.Cluster.Authorizer;
        var refusal = AclAlterRefusal.For(context);
        writer.WriteInt32(0);
        writer.WriteArrayLength(creations.Count, flexible);
        foreach (var acl in creations)
        {
            var (error, message) = refusal;
            if (error == ErrorCode.None && AclCodec.Invalid(acl) is { } invalid)
            {
                (error, message) = (ErrorCode.InvalidRequest, invalid);
            }
            else if (error == ErrorCode.None)
            {
                authorizer!.Add(acl);
            }

            writer.WriteInt16(error);
            writer.WriteNullableString(message, flexible);
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
