using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Handlers;

/// <summary>
/// InitProducerId v0-v1 for idempotent producers. A transactional id is refused with UNSUPPORTED_VERSION:
/// transactions are not implemented, and refusing is better than pretending.
/// </summary>
internal sealed class InitProducerIdHandler : IApiHandler
{
    public ApiKey Key => ApiKey.InitProducerId;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var transactionalId = reader.ReadNullableString();
        reader.ReadInt32(); // transaction timeout
        var error = context.InjectedError != ErrorCode.None ? context.InjectedError
            : transactionalId is not null ? ErrorCode.UnsupportedVersion
            : ErrorCode.None;
        writer.WriteInt32(0);
        writer.WriteInt16(error);
        writer.WriteInt64(error == ErrorCode.None ? context.Cluster.NextProducerId() : -1);
        writer.WriteInt16(error == ErrorCode.None ? (short)0 : (short)-1);
        return ValueTask.CompletedTask;
    }
}
