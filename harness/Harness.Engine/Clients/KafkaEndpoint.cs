using Confluent.Kafka;
using Harness.Engine.Security;

namespace Harness.Engine.Clients;

/// <summary>
/// How the harness's clients reach one cluster: its bootstrap servers and its resolved security. Every client config
/// of a run is made here, so none can forget the security settings. Its text form is the bootstrap servers.
/// </summary>
public sealed class KafkaEndpoint
{
    private const string GroupIdKey = "group.id";

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

    /// <summary>
    /// The run's <c>topicPrefix</c>, expanded, or <see langword="null"/>: every consumer group id configured here starts
    /// with it, the harness's own readers (verifier, checkpoint, switchover) included, so a run on a shared cluster
    /// joins and commits only groups of its own. The scenario's groups carry it already and are left as they are.
    /// </summary>
    public string? GroupPrefix { get; init; }

    /// <summary>Sets the bootstrap servers, the security settings and the group prefix on <paramref name="config"/>.</summary>
    public T Configure<T>(T config)
        where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        config.BootstrapServers = Bootstrap;
        foreach (var (key, value) in Security.Librdkafka())
        {
            config.Set(key, value);
        }

        if (Prefixed(config.Get(GroupIdKey)) is { } group)
        {
            config.Set(GroupIdKey, group);
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

        if (Prefixed(properties.GetValueOrDefault(GroupIdKey)) is { } group)
        {
            properties[GroupIdKey] = group;
        }

        return properties;
    }

    /// <summary>A PLAINTEXT endpoint: what a bare bootstrap string has always meant.</summary>
    public static KafkaEndpoint FromString(string bootstrap) => new(bootstrap);

    /// <summary>A bare bootstrap string is a PLAINTEXT endpoint (tests and tools that start their own clusters).</summary>
    public static implicit operator KafkaEndpoint(string bootstrap) => new(bootstrap);

    /// <inheritdoc/>
    public override string ToString() => Bootstrap;

    /// <summary><paramref name="group"/> with <see cref="GroupPrefix"/> in front, or null when it needs none.</summary>
    private string? Prefixed(string? group) =>
        GroupPrefix is { Length: > 0 } prefix && group is not null && !group.StartsWith(prefix, StringComparison.Ordinal) ? prefix + group : null;
}
