using Harness.Broker.Security;
using Harness.Engine.Security;
using Kafka = Confluent.Kafka;

namespace Harness.Engine.Clusters.Embedded;

/// <summary>
/// A scenario's <c>security:</c> as the embedded broker's listener settings: the protocol, the one mechanism asked
/// for, and the scenario's user, made a super user so the authorizer that users switch on never stands in the run's
/// way (ACL behaviour is the broker's own tests' business).
/// </summary>
internal static class EmbeddedSecurity
{
    /// <summary>The broker settings for <paramref name="spec"/>, or null for PLAINTEXT.</summary>
    /// <param name="spec">The cluster's <c>security:</c>.</param>
    /// <param name="role">"source" or "target": the cluster's name, so its CA is <c>ROLE-ca.pem</c>.</param>
    /// <param name="folder">Where the generated CA and broker certificate are written (the run folder); null: a temporary folder.</param>
    public static BrokerSecurity? For(SecuritySpec spec, string role, string? folder = null)
    {
        if (spec.Protocol == Kafka.SecurityProtocol.Plaintext)
        {
            return null;
        }

        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        if (spec.Username is { } user && spec.Password is { } password)
        {
            users[user] = password.Resolve($"clusters.{role}.security.password");
        }

        return new BrokerSecurity
        {
            Protocol = spec.Protocol switch
            {
                Kafka.SecurityProtocol.Ssl => SecurityProtocol.Ssl,
                Kafka.SecurityProtocol.SaslPlaintext => SecurityProtocol.SaslPlaintext,
                _ => SecurityProtocol.SaslSsl,
            },
            Mechanisms = spec.Mechanism is { } mechanism ? [ClientSecurity.MechanismName(mechanism)] : SaslMechanisms.All,
            Users = users,
            SuperUsers = [.. users.Keys],
            ClientAuthentication = spec.CertFile is null ? ClientAuthentication.None : ClientAuthentication.Requested,
            CertificateFolder = folder is null ? null : Path.GetFullPath(folder),
        };
    }
}
