namespace Harness.Broker.Security;

/// <summary>The SASL mechanism names the embedded broker serves, spelled as Kafka's <c>sasl.mechanism</c>.</summary>
public static class SaslMechanisms
{
    /// <summary>RFC 4616: user name and password in the clear (use it over TLS).</summary>
    public const string Plain = "PLAIN";

    /// <summary>RFC 5802/7677 with SHA-256.</summary>
    public const string ScramSha256 = "SCRAM-SHA-256";

    /// <summary>RFC 5802 with SHA-512.</summary>
    public const string ScramSha512 = "SCRAM-SHA-512";

    /// <summary>RFC 7628 with unsecured JWTs, as Kafka's default development validator accepts them.</summary>
    public const string OAuthBearer = "OAUTHBEARER";

    /// <summary>Every mechanism served, in the order the handshake lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Plain, ScramSha256, ScramSha512, OAuthBearer];
}
