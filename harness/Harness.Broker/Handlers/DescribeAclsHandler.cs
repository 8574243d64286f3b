using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Handlers;

/// <summary>
/// DescribeAcls v0-v3 (flexible from v2). Without users the broker has no authorizer, so it answers SECURITY_DISABLED as Kafka does
/// without one: MirrorMaker 2 then logs once that ACL sync is off instead of an error every sync interval.
/// </summary>
internal sealed class DescribeAclsHandler : IApiHandler
{
    public ApiKey Key => ApiKey.DescribeAcls;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => 2;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var flexible = context.Flexible;
        var filter = AclCodec.ReadFilter(reader, context.Version, flexible);
        if (context.InjectedError == ErrorCode.None && context.Security?.Cluster.Authorizer is { } authorizer)
        {
            // Users exist, so an authorizer does: see Security/.
            AclDescriber.Write(context, authorizer, filter, writer);
            return ValueTask.CompletedTask;
        }

        var injected = context.InjectedError != ErrorCode.None;
        writer.WriteInt32(0);
        writer.WriteInt16(injected ? context.InjectedError : ErrorCode.SecurityDisabled);
        writer.WriteNullableString(injected ? null : "No Authorizer is configured on the broker", flexible);
        writer.WriteArrayLength(0, flexible);
        if (flexible)
        {
            writer.WriteEmptyTaggedFields();
        }

        return ValueTask.CompletedTask;
    }
}
