using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>
/// DescribeClientQuotas v0-1 (flexible from v1): the broker enforces no client quotas, so every filter matches nothing
/// and the answer is an empty list without error, as a Kafka cluster with no quotas configured answers.
/// </summary>
internal sealed class DescribeClientQuotasHandler : IApiHandler
{
    public ApiKey Key => ApiKey.DescribeClientQuotas;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => 1;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var flexible = context.Flexible;
        for (var count = reader.ReadArrayLength(flexible); count > 0; count--)
        {
            reader.ReadString(flexible); // entity type
            reader.ReadInt8(); // match type
            reader.ReadNullableString(flexible); // match
            if (flexible)
            {
                reader.SkipTaggedFields();
            }
        }

        reader.ReadBool(); // strict
        if (flexible)
        {
            reader.SkipTaggedFields();
        }

        writer.WriteInt32(0); // throttle time
        writer.WriteInt16(context.InjectedError);
        writer.WriteNullableString(null, flexible);
        writer.WriteArrayLength(0, flexible);
        if (flexible)
        {
            writer.WriteEmptyTaggedFields();
        }

        return ValueTask.CompletedTask;
    }
}
