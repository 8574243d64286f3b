using Harness.Broker.Protocol;

namespace Harness.Broker.Security;

/// <summary>
/// One connection's security: who the client is (from SASL or its TLS certificate) and, on SASL listeners, where the
/// SASL exchange stands. Used by one connection's serving task only.
/// </summary>
internal sealed class ConnectionSecurity
{
    /// <summary>Kafka's principal for a client that did not authenticate.</summary>
    public const string Anonymous = "ANONYMOUS";

    private ISaslServer? _server;

    // Written by the serving task, read by the reading task too (for the frame size limit before authentication).
    private volatile SaslState _state;

    public ConnectionSecurity(ClusterSecurity cluster, string? certificatePrincipal)
    {
        Cluster = cluster;
        State = cluster.UsesSasl ? SaslState.Handshake : SaslState.Complete;
        Principal = certificatePrincipal ?? Anonymous;
    }

    public ClusterSecurity Cluster { get; }

    public SaslState State
    {
        get => _state;
        private set => _state = value;
    }

    public bool Authenticated => State == SaslState.Complete;

    /// <summary>The user name of the principal (Kafka's <c>User:NAME</c> without the type).</summary>
    public string Principal { get; private set; }

    public string? Mechanism { get; private set; }

    /// <summary>APIs a client may send before it has authenticated; anything else closes the connection, as in Kafka.</summary>
    public static bool AllowedBeforeAuthentication(ApiKey api) => api is ApiKey.ApiVersions or ApiKey.SaslHandshake or ApiKey.SaslAuthenticate;

    /// <summary>Starts the exchange for a mechanism; false when the cluster does not serve it.</summary>
    public bool Begin(string mechanism, short handshakeVersion)
    {
        _server = Cluster.CreateSaslServer(mechanism);
        if (_server is null)
        {
            return false;
        }

        Mechanism = mechanism;
        State = handshakeVersion == 0 ? SaslState.RawTokens : SaslState.Authenticate;
        return true;
    }

    /// <summary>Evaluates one token; on success the connection is authenticated as the step's principal.</summary>
    public SaslStep Evaluate(ReadOnlySpan<byte> token)
    {
        var step = _server!.Evaluate(token);
        if (step.Succeeded)
        {
            Principal = step.Principal!;
            State = SaslState.Complete;
            _server = null;
        }

        return step;
    }
}
