namespace Harness.Broker.Security;

/// <summary>
/// Security of one embedded cluster's listeners: protocol, SASL mechanisms, users and TLS material. Immutable; give it
/// as <see cref="Cluster.EmbeddedClusterOptions.Security"/>. A cluster without it serves PLAINTEXT exactly as before,
/// without any security cost per request.
/// </summary>
public sealed record BrokerSecurity
{
    /// <summary>The protocol of every listener of the cluster. Default <see cref="SecurityProtocol.SaslSsl"/>.</summary>
    public SecurityProtocol Protocol { get; init; } = SecurityProtocol.SaslSsl;

    /// <summary>SASL mechanisms served (Kafka's <c>sasl.enabled.mechanisms</c>). Default all of <see cref="SaslMechanisms.All"/>.</summary>
    public IReadOnlyList<string> Mechanisms { get; init; } = SaslMechanisms.All;

    /// <summary>
    /// Users and their passwords. Each gets a PLAIN password and SCRAM-SHA-256 and SCRAM-SHA-512 credentials
    /// (PBKDF2 with <see cref="ScramIterations"/> iterations and a random salt); only the salted forms are kept for SCRAM.
    /// </summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    /// <summary>Iterations of the SCRAM credentials made from <see cref="Users"/>: 4096 (Kafka's minimum) to 16384. Default 4096.</summary>
    public int ScramIterations { get; init; } = 4096;

    /// <summary>
    /// Folder that receives the cluster's CA certificate as <c>NAME-ca.pem</c> when the protocol uses TLS (the run folder).
    /// Null: a new folder under the system temporary folder.
    /// </summary>
    public string? CertificateFolder { get; init; }

    /// <summary>Whether TLS listeners ask clients for a certificate. Default <see cref="ClientAuthentication.None"/>.</summary>
    public ClientAuthentication ClientAuthentication { get; init; } = ClientAuthentication.None;

    /// <summary>
    /// SCRAM's client-final nonce must equal the server's exactly, as Kafka 4 checks it; librdkafka before 2.6.1 (Debian's
    /// kcat among them) then fails to authenticate. Default false: Kafka 3.8.1-3.9's check, which accepts those clients.
    /// </summary>
    public bool StrictScramNonce { get; init; }

    /// <summary>
    /// Users the authorizer lets do everything (Kafka's <c>super.users</c>, by user name). Default none. The authorizer
    /// is on whenever <see cref="Users"/> is not empty: every other user needs ACLs.
    /// </summary>
    public IReadOnlyList<string> SuperUsers { get; init; } = [];

    /// <summary>ACLs present from the start (CreateAcls and DeleteAcls change them at run time). Default none.</summary>
    public IReadOnlyList<AclBinding> Acls { get; init; } = [];

    /// <summary>True when an authorizer checks requests: users exist.</summary>
    public bool AuthorizerEnabled => Users.Count > 0;

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad setting and the fix.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Protocol))
        {
            throw new ArgumentException($"Security.Protocol {Protocol} is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL", nameof(Protocol));
        }

        foreach (var mechanism in Mechanisms)
        {
            if (!SaslMechanisms.All.Contains(mechanism, StringComparer.Ordinal))
            {
                throw new ArgumentException($"SASL mechanism '{mechanism}' is not served; use {string.Join(", ", SaslMechanisms.All)}", nameof(Mechanisms));
            }
        }

        if (Protocol.UsesSasl() && Mechanisms.Count == 0)
        {
            throw new ArgumentException($"{Protocol.ToKafkaName()} needs at least one SASL mechanism", nameof(Mechanisms));
        }

        if (ScramIterations is < ScramMechanism.MinIterations or > ScramMechanism.MaxIterations)
        {
            throw new ArgumentException($"ScramIterations must be {ScramMechanism.MinIterations}..{ScramMechanism.MaxIterations}, got {ScramIterations}", nameof(ScramIterations));
        }

        foreach (var user in Users.Keys)
        {
            if (string.IsNullOrEmpty(user) || user.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException($"user name '{user}' must be non-empty and without ':'", nameof(Users));
            }
        }
    }
}
