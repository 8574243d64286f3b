using System.Globalization;
using Confluent.Kafka;
using Harness.Engine.Runs;

namespace Harness.Engine.Security;

/// <summary>
/// A cluster's security, resolved when the run starts: the librdkafka settings every client of the harness gets
/// (secrets included, in memory only), and the settings a child process gets in its files, where every secret is a
/// config-provider reference (<c>${env:...}</c>, <c>${dir:...}</c>) and its value travels in the child's environment.
/// Its text form names the protocol and mechanism, never a secret.
/// </summary>
public sealed class ClientSecurity
{
    private const string JaasPlain = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private const string JaasScram = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private const string JaasOAuth = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";

    private readonly SecuritySpec _spec;
    private readonly Dictionary<string, string> _values;
    private readonly string _role;

    private ClientSecurity(SecuritySpec spec, string role, string? caFile, Dictionary<string, string> values)
    {
        _spec = spec;
        _role = role;
        _values = values;
        CaFile = caFile;
    }

    /// <summary>PLAINTEXT: no settings.</summary>
    public static ClientSecurity None { get; } = new(SecuritySpec.Plaintext, "", null, []);

    /// <summary>The protocol.</summary>
    public SecurityProtocol Protocol => _spec.Protocol;

    /// <summary>The SASL mechanism, if any.</summary>
    public SaslMechanism? Mechanism => _spec.Mechanism;

    /// <summary>The CA file clients trust: the scenario's, or the one an embedded cluster generated.</summary>
    public string? CaFile { get; }

    /// <summary>Whether any setting is needed (not PLAINTEXT).</summary>
    public bool IsSecured => _spec.Protocol != SecurityProtocol.Plaintext;

    /// <summary>The secrets' values, for scrubbing output that might echo one.</summary>
    public IEnumerable<string> SecretValues => _values.Values;

    /// <summary>Reads every secret of <paramref name="spec"/> and checks its files, for the <paramref name="role"/> cluster.</summary>
    /// <param name="spec">The scenario's block.</param>
    /// <param name="role">"source" or "target", for messages and the child environment's names.</param>
    /// <param name="generatedCaFile">The CA an embedded cluster generated, used when the block names none.</param>
    /// <exception cref="HarnessException">A variable unset or a file missing (exit 2), named without its value.</exception>
    public static ClientSecurity Resolve(SecuritySpec spec, string role, string? generatedCaFile = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Protocol == SecurityProtocol.Plaintext)
        {
            return None;
        }

        foreach (var (key, file) in new[] { ("caFile", spec.CaFile), ("certFile", spec.CertFile), ("keyFile", spec.KeyFile) })
        {
            if (file is not null && !File.Exists(file))
            {
                throw new HarnessException($"clusters.{role}.security.{key}: {file} does not exist; give the path of a PEM file", ExitCodes.BadInput);
            }
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, secret) in spec.Secrets())
        {
            values[key] = secret.Resolve($"clusters.{role}.security.{key}");
        }

        return new ClientSecurity(spec, role, spec.CaFile ?? generatedCaFile, values);
    }

    /// <summary>librdkafka's settings, secrets included: for the harness's own clients only, never written down.</summary>
    public IReadOnlyDictionary<string, string> Librdkafka() => Librdkafka(key => _values[key]);

    /// <summary>
    /// librdkafka's settings for a child process's file (the built-in replicator's <c>mm2.properties</c>): each secret a
    /// reference its config providers resolve (<see cref="ConfigProviders"/>), its value in <see cref="ChildEnvironment"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> LibrdkafkaForChild() => Librdkafka(Reference);

    /// <summary>The Java client's settings for <c>mm2.properties</c> and Connect configs, each secret a config-provider reference.</summary>
    public IReadOnlyDictionary<string, string> Java()
    {
        var properties = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!IsSecured)
        {
            return properties;
        }

        properties["security.protocol"] = ProtocolName(_spec.Protocol);
        if (_spec.UsesTls)
        {
            if (CaFile is not null)
            {
                properties["ssl.truststore.type"] = "PEM";
                properties["ssl.truststore.location"] = Path.GetFullPath(CaFile);
            }

            if (_spec.CertFile is not null && _spec.KeyFile is not null)
            {
                properties["ssl.keystore.type"] = "PEM";
                properties["ssl.keystore.certificate.chain"] = DirectoryReference(_spec.CertFile);
                properties["ssl.keystore.key"] = DirectoryReference(_spec.KeyFile);
                if (_values.ContainsKey("keyPassword"))
                {
                    properties["ssl.key.password"] = Reference("keyPassword");
                }
            }
        }

        if (_spec.Mechanism is { } mechanism)
        {
            properties["sasl.mechanism"] = MechanismName(mechanism);
            properties["sasl.jaas.config"] = mechanism switch
            {
                SaslMechanism.Plain => $"{JaasPlain} required username=\"{_spec.Username}\" password=\"{Reference("password")}\";",
                SaslMechanism.OAuthBearer when _spec.OAuthBearer is { UsesOidc: true } oidc =>
                    $"{JaasOAuth} required clientId=\"{oidc.ClientId}\" clientSecret=\"{Reference("oauthbearer.clientSecret")}\"" + (oidc.Scope is null ? ";" : $" scope=\"{oidc.Scope}\";"),
                SaslMechanism.OAuthBearer => $"{JaasOAuth} required unsecuredLoginStringClaim_sub=\"{_spec.OAuthBearer!.Principal}\";",
                _ => $"{JaasScram} required username=\"{_spec.Username}\" password=\"{Reference("password")}\";",
            };
            if (_spec.OAuthBearer is { UsesOidc: true } endpoint)
            {
                properties["sasl.oauthbearer.token.endpoint.url"] = endpoint.TokenEndpoint!.AbsoluteUri;
                properties["sasl.login.callback.handler.class"] = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";
            }
        }

        return properties;
    }

    /// <summary>
    /// The config providers a child's file must declare so its references resolve: Kafka's own classes (3.5 or later
    /// for <c>env</c>), which the built-in replicator understands too.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ConfigProviders { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["config.providers"] = "env,dir",
        ["config.providers.env.class"] = "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
        ["config.providers.dir.class"] = "org.apache.kafka.common.config.provider.DirectoryConfigProvider",
    };

    /// <summary>What a child process needs in its environment for the references in its files: literal secrets only (references to the harness's environment are inherited).</summary>
    public IReadOnlyDictionary<string, string> ChildEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, secret) in _spec.Secrets())
        {
            if (secret.Source == SecretSource.Literal)
            {
                environment[LiteralVariable(key)] = _values[key];
            }
        }

        return environment;
    }

    /// <inheritdoc/>
    public override string ToString() => _spec.Mechanism is { } mechanism ? $"{ProtocolName(_spec.Protocol)} {MechanismName(mechanism)}" : ProtocolName(_spec.Protocol);

    /// <summary>Kafka's name of <paramref name="protocol"/>.</summary>
    public static string ProtocolName(SecurityProtocol protocol) => protocol switch
    {
        SecurityProtocol.Ssl => "SSL",
        SecurityProtocol.SaslPlaintext => "SASL_PLAINTEXT",
        SecurityProtocol.SaslSsl => "SASL_SSL",
        _ => "PLAINTEXT",
    };

    /// <summary>Kafka's name of <paramref name="mechanism"/>.</summary>
    public static string MechanismName(SaslMechanism mechanism) => mechanism switch
    {
        SaslMechanism.Plain => "PLAIN",
        SaslMechanism.ScramSha256 => "SCRAM-SHA-256",
        SaslMechanism.ScramSha512 => "SCRAM-SHA-512",
        SaslMechanism.OAuthBearer => "OAUTHBEARER",
        _ => "GSSAPI",
    };

    private Dictionary<string, string> Librdkafka(Func<string, string> secret)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!IsSecured)
        {
            return properties;
        }

        properties["security.protocol"] = ProtocolName(_spec.Protocol).ToLowerInvariant();
        if (_spec.UsesTls)
        {
            if (CaFile is not null)
            {
                properties["ssl.ca.location"] = Path.GetFullPath(CaFile);
            }

            if (_spec.CertFile is not null && _spec.KeyFile is not null)
            {
                properties["ssl.certificate.location"] = Path.GetFullPath(_spec.CertFile);
                properties["ssl.key.location"] = Path.GetFullPath(_spec.KeyFile);
                if (_values.ContainsKey("keyPassword"))
                {
                    properties["ssl.key.password"] = secret("keyPassword");
                }
            }
        }

        if (_spec.Mechanism is { } mechanism)
        {
            properties["sasl.mechanism"] = MechanismName(mechanism);
            if (mechanism == SaslMechanism.OAuthBearer)
            {
                var oauth = _spec.OAuthBearer!;
                if (oauth.UsesOidc)
                {
                    properties["sasl.oauthbearer.method"] = "oidc";
                    properties["sasl.oauthbearer.token.endpoint.url"] = oauth.TokenEndpoint!.AbsoluteUri;
                    properties["sasl.oauthbearer.client.id"] = oauth.ClientId!;
                    properties["sasl.oauthbearer.client.secret"] = secret("oauthbearer.clientSecret");
                    if (oauth.Scope is not null)
                    {
                        properties["sasl.oauthbearer.scope"] = oauth.Scope;
                    }
                }
                else
                {
                    properties["enable.sasl.oauthbearer.unsecure.jwt"] = "true";
                    properties["sasl.oauthbearer.config"] = $"principal={oauth.Principal}";
                }
            }
            else
            {
                properties["sasl.username"] = _spec.Username!;
                properties["sasl.password"] = secret("password");
            }
        }

        return properties;
    }

    private string Reference(string key)
    {
        var secret = _spec.Secrets().First(s => s.Key == key).Secret;
        return secret.Source switch
        {
            SecretSource.Environment => $"${{env:{secret.Name}}}",
            SecretSource.File => DirectoryReference(secret.Name),
            _ => $"${{env:{LiteralVariable(key)}}}",
        };
    }

    private static string DirectoryReference(string file)
    {
        var full = Path.GetFullPath(file);
        return $"${{dir:{Path.GetDirectoryName(full)}:{Path.GetFileName(full)}}}";
    }

    private string LiteralVariable(string key) =>
        string.Create(CultureInfo.InvariantCulture, $"HARNESS_SECRET_{_role.ToUpperInvariant()}_{key.Replace('.', '_').ToUpperInvariant()}");
}
