namespace Harness.Broker.Security;

/// <summary>A listener's security protocol, as Kafka's <c>security.protocol</c> names it.</summary>
public enum SecurityProtocol
{
    /// <summary>No TLS, no authentication (the default, and the fastest path).</summary>
    Plaintext,

    /// <summary>TLS; clients authenticate only with a certificate when client authentication is on.</summary>
    Ssl,

    /// <summary>SASL authentication over plain TCP.</summary>
    SaslPlaintext,

    /// <summary>SASL authentication over TLS.</summary>
    SaslSsl,
}
