using Confluent.Kafka;
using Harness.Engine.Security;

namespace Harness.Engine.Clients;

/// <summary>
/// How the harness's clients reach one cluster: its bootstrap servers and its resolved security. Every client config
/// of a run is made here, so none can forget the security settings. Its text form is the bootstrap servers.
/// </summary>
public sealed class KafkaEndpoint
{
    /// <summary>An endpoint of <paramref name="bootstrap"/> with <paramref name="security"/> (PLAINTEXT when null).</summary>
    public KafkaEndpoint(string bootstrap, ClientSecurity? security = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrap);
        Bootstrap = bootstrap;
        Security = security ?? ClientSecurity.None;
    }

    /// <summary>The bootstrap servers.</summary>
    public string Bootstrap { get; }

    /// <summary>The resolved security.</summary>
    public ClientSecurity Security { get; }

    /// <summary>Sets the bootstrap servers and the security settings on <paramref name="config"/>.</summary>
    public T Configure<T>(T config)
        where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        config.BootstrapServers = Bootstrap;
        foreach (var (key, value) in Security.Librdkafka())
        {
            config.Set(key, value);
        }

        return config;
    }

    /// <summary>An admin client config named <paramref name="clientId"/>.</summary>
    public AdminClientConfig Admin(string clientId) => Configure(new AdminClientConfig { ClientId = clientId });

    /// <summary>The settings as librdkafka properties (bootstrap included), for the native clients.</summary>
    public Dictionary<string, string> Properties()
    {
        var properties = new Dictionary<string, string>(Security.Librdkafka(), StringComparer.Ordinal) { ["bootstrap.servers"] = Bootstrap };
        return properties;
    }

    /// <summary>Adds the bootstrap servers and the security settings to native client <paramref name="properties"/>.</summary>
    public Dictionary<string, string> With(Dictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        properties["bootstrap.servers"] = Bootstrap;
        foreach (var (key, value) in Security.Librdkafka())
        {
            properties[key] = value;
        }

        return properties;
    }

    /// <summary>A PLAINTEXT endpoint: what a bare bootstrap string has always meant.</summary>
    public static KafkaEndpoint FromString(string bootstrap) => new(bootstrap);

    /// <summary>A bare bootstrap string is a PLAINTEXT endpoint (tests and tools that start their own clusters).</summary>
    public static implicit operator KafkaEndpoint(string bootstrap) => new(bootstrap);

    /// <inheritdoc/>
    public override string ToString() => Bootstrap;
}
