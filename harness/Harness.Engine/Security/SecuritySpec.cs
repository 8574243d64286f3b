using Confluent.Kafka;

namespace Harness.Engine.Security;

/// <summary>
/// A cluster's <c>security:</c> block: how every client of the run (load, verifier, admin, switchover, replicator)
/// connects. Secrets are references, read when the run starts.
/// </summary>
public sealed record SecuritySpec
{
    /// <summary>No security: PLAINTEXT.</summary>
    public static SecuritySpec Plaintext { get; } = new();

    /// <summary>PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.</summary>
    public SecurityProtocol Protocol { get; init; } = SecurityProtocol.Plaintext;

    /// <summary>The SASL mechanism when the protocol is SASL_*.</summary>
    public SaslMechanism? Mechanism { get; init; }

    /// <summary>The SASL user (PLAIN, SCRAM).</summary>
    public string? Username { get; init; }

    /// <summary>The SASL password (PLAIN, SCRAM).</summary>
    public SecretReference? Password { get; init; }

    /// <summary>A PEM file of the CA(s) that signed the brokers' certificates; the system's store when absent.</summary>
    public string? CaFile { get; init; }

    /// <summary>The client's certificate (PEM) for mutual TLS.</summary>
    public string? CertFile { get; init; }

    /// <summary>The client's private key (PEM) for mutual TLS.</summary>
    public string? KeyFile { get; init; }

    /// <summary>The password of <see cref="KeyFile"/>, when it is encrypted.</summary>
    public SecretReference? KeyPassword { get; init; }

    /// <summary>OAUTHBEARER settings.</summary>
    public OAuthBearerSpec? OAuthBearer { get; init; }

    /// <summary>Whether the protocol authenticates with SASL.</summary>
    public bool UsesSasl => Protocol is SecurityProtocol.SaslPlaintext or SecurityProtocol.SaslSsl;

    /// <summary>Whether the protocol encrypts with TLS.</summary>
    public bool UsesTls => Protocol is SecurityProtocol.Ssl or SecurityProtocol.SaslSsl;

    /// <summary>Every secret the block names, with the scenario key it came from.</summary>
    public IEnumerable<(string Key, SecretReference Secret)> Secrets()
    {
        if (Password is not null)
        {
            yield return ("password", Password);
        }

        if (KeyPassword is not null)
        {
            yield return ("keyPassword", KeyPassword);
        }

        if (OAuthBearer?.ClientSecret is { } secret)
        {
            yield return ("oauthbearer.clientSecret", secret);
        }
    }
}
