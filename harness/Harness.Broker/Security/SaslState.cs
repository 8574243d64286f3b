namespace Harness.Broker.Security;

/// <summary>Where a connection is in Kafka's SASL exchange.</summary>
internal enum SaslState
{
    /// <summary>Only ApiVersions and SaslHandshake are served.</summary>
    Handshake,

    /// <summary>After SaslHandshake v1: SaslAuthenticate requests carry the tokens.</summary>
    Authenticate,

    /// <summary>After SaslHandshake v0: the next frames are bare SASL tokens, answered by bare tokens.</summary>
    RawTokens,

    /// <summary>Authenticated: every API is served.</summary>
    Complete,
}
