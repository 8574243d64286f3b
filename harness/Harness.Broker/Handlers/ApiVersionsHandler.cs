using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>ApiVersions v0-v3: the versions every other handler serves.</summary>
internal sealed class ApiVersionsHandler : IApiHandler
{
    public ApiKey Key => ApiKey.ApiVersions;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => 3;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var flexible = context.Flexible;
        if (flexible)
        {
            reader.ReadNullableString(flexible: true); // client software name
            reader.ReadNullableString(flexible: true); // client software version
            reader.SkipTaggedFields();
        }

        writer.WriteInt16(context.InjectedError);
        var handlers = context.Broker.Dispatcher.Handlers.ToList();
        writer.WriteArrayLength(handlers.Count, flexible);
        foreach (var h in handlers)
        {
            writer.WriteInt16((short)h.Key);
            writer.WriteInt16(h.MinVersion);
            writer.WriteInt16(h.MaxVersion);
            if (flexible)
            {
                writer.WriteEmptyTaggedFields();
            }
        }

        if (context.Version >= 1)
        {
            writer.WriteInt32(0);
        }

        if (flexible)
        {
            writer.WriteEmptyTaggedFields();
        }

        return ValueTask.CompletedTask;
    }
}
