namespace Harness.Broker.Security;

/// <summary>The server side of one SASL mechanism for one connection's authentication.</summary>
internal interface ISaslServer
{
    /// <summary>Evaluates the client's next token.</summary>
    SaslStep Evaluate(ReadOnlySpan<byte> token);
}
