using Harness.Broker.Cluster;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Security;

/// <summary>
/// SaslAuthenticate v0-2: one SASL token each way. A failed authentication answers SASL_AUTHENTICATION_FAILED with
/// the mechanism's message and closes the connection, as Kafka does. Sessions never expire (lifetime 0).
/// </summary>
internal sealed class SaslAuthenticateHandler : ISecurityApiHandler
{
    public ApiKey Key => ApiKey.SaslAuthenticate;

    public short MinVersion => 0;

    public short MaxVersion => 2;

    public short FirstFlexibleVersion => 2;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var flexible = context.Flexible;
        var token = reader.ReadBytes(flexible);
        if (flexible)
        {
            reader.SkipTaggedFields();
        }

        var security = context.Security;
        SaslStep step;
        if (security is not { State: SaslState.Authenticate })
        {
            step = SaslStep.Fail(security is { Authenticated: true }
                ? "SaslAuthenticate request received after successful authentication"
                : "Unexpected SaslAuthenticate request: no SaslHandshake v1 came first");
            WriteResponse(context, writer, ErrorCode.IllegalSaslState, step);
            context.CloseAfterResponse = security is { Authenticated: false };
            return ValueTask.CompletedTask;
        }

        step = security.Evaluate(token);
        if (step.Failed)
        {
            // The principal tried and the reason are logged; the token (password, proof or JWT) never is.
            BrokerLog.Warn(context.Broker, $"{context.ClientHost} failed {security.Mechanism} authentication: {step.Failure}");
            context.CloseAfterResponse = true;
        }

        WriteResponse(context, writer, step.Failed ? ErrorCode.SaslAuthenticationFailed : ErrorCode.None, step);
        return ValueTask.CompletedTask;
    }

    private static void WriteResponse(RequestContext context, KafkaWriter writer, ErrorCode error, SaslStep step)
    {
        var flexible = context.Flexible;
        writer.WriteInt16(error);
        writer.WriteNullableString(step.Failure, flexible);
        writer.WriteBytes(step.Response, flexible);
        if (context.Version >= 1)
        {
            writer.WriteInt64(0);
        }

        if (flexible)
        {
            writer.WriteEmptyTaggedFields();
        }
    }
}
