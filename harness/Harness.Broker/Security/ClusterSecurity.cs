namespace Harness.Broker.Security;

/// <summary>The security of one running cluster: its options, users, and TLS material when a listener uses TLS.</summary>
internal sealed class ClusterSecurity : IDisposable
{
    public ClusterSecurity(BrokerSecurity options, string clusterName, string host, TimeProvider time)
    {
        Options = options;
        Time = time;
        Credentials = new CredentialStore(options);
        Authorizer = options.AuthorizerEnabled ? new Authorizer(options) : null;
        Tls = options.Protocol.UsesTls() ? TlsMaterial.Create(clusterName, host, options.CertificateFolder, options.ClientAuthentication) : null;
    }

    public BrokerSecurity Options { get; }

    public TimeProvider Time { get; }

    public CredentialStore Credentials { get; }

    public TlsMaterial? Tls { get; }

    /// <summary>The ACL authorizer, or null when there are no users (everything is allowed).</summary>
    public Authorizer? Authorizer { get; }

    public bool UsesSasl => Options.Protocol.UsesSasl();

    /// <summary>A SASL server for a mechanism this cluster serves, or null.</summary>
    public ISaslServer? CreateSaslServer(string mechanism)
    {
        if (!Options.Mechanisms.Contains(mechanism, StringComparer.Ordinal))
        {
            return null;
        }

        return mechanism switch
        {
            SaslMechanisms.Plain => new PlainSaslServer(Credentials),
            SaslMechanisms.OAuthBearer => new OAuthBearerSaslServer(Time),
            _ => ScramMechanism.FromName(mechanism) is { } scram ? new ScramSaslServer(scram, Credentials, Options.StrictScramNonce) : null,
        };
    }

    public void Dispose() => Tls?.Dispose();
}
