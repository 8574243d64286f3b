using Confluent.Kafka;
using Harness.Engine.Security;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads a cluster's <c>security:</c> block, reporting each problem with its fix.</summary>
internal static class SecurityReader
{
    public const string Expected = "a mapping such as {protocol: SASL_SSL, mechanism: SCRAM-SHA-512, username: alice, password: ${env:SOURCE_PASSWORD}, caFile: ca.pem}";

    private const string SecretExpected = "a reference such as ${env:NAME} or ${file:/path/to/secret}";

    private static readonly IReadOnlyList<string> Keys = ["protocol", "mechanism", "username", "password", "caFile", "certFile", "keyFile", "keyPassword", "oauthbearer"];

    private static readonly IReadOnlyList<string> OAuthKeys = ["principal", "tokenEndpoint", "clientId", "clientSecret", "scope"];

    private static readonly Choices<SecurityProtocol> Protocols = new(
        ("PLAINTEXT", SecurityProtocol.Plaintext), ("SSL", SecurityProtocol.Ssl), ("SASL_PLAINTEXT", SecurityProtocol.SaslPlaintext), ("SASL_SSL", SecurityProtocol.SaslSsl));

    private static readonly Choices<SaslMechanism> Mechanisms = new(
        ("PLAIN", SaslMechanism.Plain), ("SCRAM-SHA-256", SaslMechanism.ScramSha256), ("SCRAM-SHA-512", SaslMechanism.ScramSha512), ("OAUTHBEARER", SaslMechanism.OAuthBearer));

    /// <summary>The block under <paramref name="cluster"/>, <see cref="SecuritySpec.Plaintext"/> when absent, null after a reported problem.</summary>
    /// <param name="cluster">The cluster's section.</param>
    /// <param name="literalSecrets">Whether a secret may be written in the scenario (a cluster the harness starts).</param>
    /// <param name="description">How messages name the cluster's nature, such as "is external".</param>
    public static SecuritySpec? Read(MappingReader cluster, bool literalSecrets, string description)
    {
        if (!cluster.Contains("security"))
        {
            return SecuritySpec.Plaintext;
        }

        if (cluster.Mapping("security", Keys, Expected) is not { } reader)
        {
            return null;
        }

        var context = reader.Context;
        var ok = true;
        var protocol = reader.Choice("protocol", Protocols, required: true);
        var mechanism = reader.Choice("mechanism", Mechanisms);
        var username = reader.Text("username");
        var password = Secret(reader, "password", literalSecrets, description, ref ok);
        var keyPassword = Secret(reader, "keyPassword", literalSecrets, description, ref ok);
        var oauth = reader.Mapping("oauthbearer", OAuthKeys, "a mapping such as {principal: alice} (an unsecured JWT) or {tokenEndpoint: https://..., clientId: harness, clientSecret: ${env:CLIENT_SECRET}}");
        OAuthBearerSpec? oauthSpec = null;
        if (oauth is not null)
        {
            var endpointText = oauth.Text("tokenEndpoint");
            Uri? endpoint = null;
            if (endpointText is not null && !Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint))
            {
                context.Report(oauth.Find("tokenEndpoint")!, $"{oauth.PathOf("tokenEndpoint")} is not an absolute URL", "a URL such as https://login.example.com/oauth2/token");
                ok = false;
            }

            oauthSpec = new OAuthBearerSpec
            {
                Principal = oauth.Text("principal"),
                TokenEndpoint = endpoint,
                ClientId = oauth.Text("clientId"),
                ClientSecret = Secret(oauth, "clientSecret", literalSecrets, description, ref ok),
                Scope = oauth.Text("scope"),
            };
        }

        if (protocol is not { } chosen)
        {
            return null;
        }

        var spec = new SecuritySpec
        {
            Protocol = chosen,
            Mechanism = mechanism,
            Username = username,
            Password = password,
            CaFile = reader.Text("caFile"),
            CertFile = reader.Text("certFile"),
            KeyFile = reader.Text("keyFile"),
            KeyPassword = keyPassword,
            OAuthBearer = oauthSpec,
        };
        return ok && Consistent(reader, spec) ? spec : null;
    }

    private static bool Consistent(MappingReader reader, SecuritySpec spec)
    {
        var context = reader.Context;
        var where = reader.Node;
        if (spec.UsesSasl && spec.Mechanism is null)
        {
            context.Report(where, $"{reader.Path} uses {Name(spec.Protocol)} without a mechanism", "mechanism: one of " + string.Join(", ", Mechanisms.Names));
            return false;
        }

        if (!spec.UsesSasl && (spec.Mechanism is not null || spec.Username is not null || spec.Password is not null || spec.OAuthBearer is not null))
        {
            context.Report(where, $"{reader.Path} sets SASL settings but protocol {Name(spec.Protocol)} does not use SASL", "protocol: SASL_SSL or SASL_PLAINTEXT, or drop mechanism/username/password/oauthbearer");
            return false;
        }

        if (!spec.UsesTls && (spec.CaFile is not null || spec.CertFile is not null || spec.KeyFile is not null))
        {
            context.Report(where, $"{reader.Path} sets TLS files but protocol {Name(spec.Protocol)} does not use TLS", "protocol: SSL or SASL_SSL, or drop caFile/certFile/keyFile");
            return false;
        }

        if ((spec.CertFile is null) != (spec.KeyFile is null))
        {
            context.Report(where, $"{reader.Path} has only one of certFile and keyFile", "both certFile and keyFile for a client certificate, or neither");
            return false;
        }

        if (spec.Mechanism is SaslMechanism.Plain or SaslMechanism.ScramSha256 or SaslMechanism.ScramSha512 && (spec.Username is null || spec.Password is null))
        {
            context.Report(where, $"{reader.Path} uses {Name(spec.Mechanism.Value)} without username and password", "username: NAME and password: ${env:NAME}");
            return false;
        }

        if (spec.Mechanism is SaslMechanism.OAuthBearer)
        {
            var oauth = spec.OAuthBearer;
            var valid = oauth is not null && (oauth.UsesOidc ? oauth.ClientId is not null && oauth.ClientSecret is not null : oauth.Principal is not null);
            if (!valid)
            {
                context.Report(where, $"{reader.Path} uses OAUTHBEARER without a principal or OIDC client credentials",
                    "oauthbearer: {principal: alice} or {tokenEndpoint: URL, clientId: ID, clientSecret: ${env:NAME}}");
                return false;
            }
        }

        return true;
    }

    private static SecretReference? Secret(MappingReader reader, string key, bool literalSecrets, string description, ref bool ok)
    {
        if (reader.Text(key, expected: SecretExpected) is not { } text)
        {
            return null;
        }

        if (SecretReference.IsUnknownReference(text))
        {
            // Never echo the value: it may be the secret itself.
            reader.Context.Report(reader.Find(key)!, $"{reader.PathOf(key)} names an unknown secret provider", SecretExpected);
            ok = false;
            return null;
        }

        var secret = SecretReference.Parse(text);
        if (secret.Source == SecretSource.Literal && !literalSecrets)
        {
            reader.Context.Report(reader.Find(key)!, $"{reader.PathOf(key)} is written in the scenario, and the cluster {description}: a secret in a file is a secret leaked", SecretExpected);
            ok = false;
            return null;
        }

        return secret;
    }

    private static string Name(SecurityProtocol protocol) => Protocols.Names.First(n => Protocols.TryGet(n, out var p) && p == protocol);

    private static string Name(SaslMechanism mechanism) => Mechanisms.Names.First(n => Mechanisms.TryGet(n, out var m) && m == mechanism);
}
