using Harness.Broker.Cluster;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Security;

/// <summary>
/// SaslHandshake v0-1: picks the mechanism. v1 carries the tokens in SaslAuthenticate; v0 leaves bare tokens on the
/// wire. An unserved mechanism, or a second handshake, is refused and the connection closed, as in Kafka.
/// </summary>
internal sealed class SaslHandshakeHandler : ISecurityApiHandler
{
    public ApiKey Key => ApiKey.SaslHandshake;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => short.MaxValue;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var mechanism = reader.ReadString();
        var security = context.Security;
        var enabled = security?.Cluster.Options.Mechanisms ?? [];
        ErrorCode error;
        if (security is not { State: SaslState.Handshake })
        {
            error = ErrorCode.IllegalSaslState;
        }
        else if (security.Begin(mechanism, context.Version))
        {
            error = ErrorCode.None;
        }
        else
        {
            BrokerLog.Warn(context.Broker, $"{context.ClientHost} asked for SASL mechanism '{mechanism}', which is not enabled");
            error = ErrorCode.UnsupportedSaslMechanism;
        }

        context.CloseAfterResponse = error != ErrorCode.None && security is { Authenticated: false };
        writer.WriteInt16(error);
        writer.WriteArrayLength(enabled.Count);
        foreach (var name in enabled)
        {
            writer.WriteString(name);
        }

        return ValueTask.CompletedTask;
    }
}
