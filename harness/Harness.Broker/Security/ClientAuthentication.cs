namespace Harness.Broker.Security;

/// <summary>Whether TLS listeners ask clients for a certificate (Kafka's <c>ssl.client.auth</c>).</summary>
public enum ClientAuthentication
{
    /// <summary>No client certificate is asked for.</summary>
    None,

    /// <summary>A certificate is asked for but a client without one is still served.</summary>
    Requested,

    /// <summary>A client without a certificate signed by the cluster's CA fails the TLS handshake.</summary>
    Required,
}
