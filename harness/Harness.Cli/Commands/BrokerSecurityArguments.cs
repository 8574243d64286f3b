using Harness.Broker.Cluster;
using Harness.Broker.Security;
using Harness.Engine.Runs;
using Harness.Engine.Security;

namespace Harness.Cli.Commands;

/// <summary>
/// `harness broker` security options turned into <see cref="BrokerSecurity"/>, and the client settings printed after
/// each bootstrap line. A password is read from --user and never written back out.
/// </summary>
internal static class BrokerSecurityArguments
{
    /// <summary>Null for PLAINTEXT without users, so the cluster keeps the unsecured path. A password may be a reference, <c>${env:NAME}</c> or <c>${file:PATH}</c>.</summary>
    public static BrokerSecurity? Parse(string? protocolName, string? mechanism, IReadOnlyList<string> users, string? clientAuth, string? certificateFolder)
    {
        if (!SecurityProtocolNames.TryParse(protocolName ?? "PLAINTEXT", out var protocol))
        {
            throw new HarnessException($"broker: --security must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, got '{protocolName}'", ExitCodes.BadInput);
        }

        mechanism = mechanism?.ToUpperInvariant() ?? SaslMechanisms.ScramSha512;
        if (!SaslMechanisms.All.Contains(mechanism, StringComparer.Ordinal))
        {
            throw new HarnessException($"broker: --mechanism must be one of {string.Join(", ", SaslMechanisms.All)}, got '{mechanism}'", ExitCodes.BadInput);
        }

        var logins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var colon = user.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == user.Length - 1)
            {
                // The value may hold a password: name only the option.
                throw new HarnessException("broker: --user must be NAME:PASSWORD, with neither part empty", ExitCodes.BadInput);
            }

            // A ${env:NAME} or ${file:PATH} password keeps the secret off the command line (the containers backend's way).
            logins[user[..colon]] = SecretReference.Parse(user[(colon + 1)..]).Resolve($"broker: --user {user[..colon]}");
        }

        if (protocol.UsesSasl() && logins.Count == 0 && mechanism != SaslMechanisms.OAuthBearer)
        {
            throw new HarnessException($"broker: --security {protocol.ToKafkaName()} with {mechanism} needs at least one --user NAME:PASSWORD", ExitCodes.BadInput);
        }

        var authentication = (clientAuth ?? "none").ToLowerInvariant() switch
        {
            "none" => ClientAuthentication.None,
            "requested" => ClientAuthentication.Requested,
            "required" => ClientAuthentication.Required,
            _ => throw new HarnessException($"broker: --client-auth must be none, requested or required, got '{clientAuth}'", ExitCodes.BadInput),
        };

        if (authentication != ClientAuthentication.None && !protocol.UsesTls())
        {
            throw new HarnessException("broker: --client-auth needs --security SSL or SASL_SSL", ExitCodes.BadInput);
        }

        if (protocol == SecurityProtocol.Plaintext && logins.Count == 0)
        {
            return null;
        }

        return new BrokerSecurity
        {
            Protocol = protocol,
            Mechanisms = [mechanism],
            Users = logins,

            // Users given by hand are administrators: ACLs for other principals can then be made with any admin tool.
            SuperUsers = [.. logins.Keys],
            ClientAuthentication = authentication,
            CertificateFolder = certificateFolder is null ? null : Path.GetFullPath(certificateFolder),
        };
    }

    /// <summary>librdkafka-named settings a client needs for this cluster, one per line, indented under its bootstrap line.</summary>
    public static IEnumerable<string> ClientSettings(EmbeddedCluster cluster, BrokerSecurity? security)
    {
        if (security is null)
        {
            yield break;
        }

        yield return $"  security.protocol={security.Protocol.ToKafkaName()}";
        if (security.Protocol.UsesSasl())
        {
            var mechanism = security.Mechanisms[0];
            yield return $"  sasl.mechanism={mechanism}";
            if (mechanism == SaslMechanisms.OAuthBearer)
            {
                yield return "  enable.sasl.oauthbearer.unsecure.jwt=true";
                yield return "  sasl.oauthbearer.config=principal=NAME";
            }
            else
            {
                yield return $"  sasl.username={security.Users.Keys.Order(StringComparer.Ordinal).First()}";
                yield return "  # sasl.password: the password given with --user (never printed)";
            }
        }

        if (cluster.CaFile is { } ca)
        {
            yield return $"  ssl.ca.location={ca}";
        }
    }
}
