using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>
/// DescribeAcls v0-v3 (flexible from v2). The broker has no authorizer, so it answers SECURITY_DISABLED as Kafka does
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
        reader.ReadInt8(); // resource type
        reader.ReadNullableString(flexible); // resource name
        if (context.Version >= 1)
        {
            reader.ReadInt8(); // pattern type
        }

        reader.ReadNullableString(flexible); // principal
        reader.ReadNullableString(flexible); // host
        reader.ReadInt8(); // operation
        reader.ReadInt8(); // permission type
        if (flexible)
        {
            reader.SkipTaggedFields();
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
