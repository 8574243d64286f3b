namespace Harness.Replicator.Connect;

/// <summary>
/// The settings of one stand-in worker, read from a Connect distributed worker's properties by
/// <see cref="ConnectWorkerConfigReader"/>. Defaults are Connect's common ones.
/// </summary>
public sealed record ConnectWorkerConfig
{
    /// <summary>Connect's default REST port.</summary>
    public const int DefaultPort = 8083;

    /// <summary>The Kafka cluster of the worker's internal topics (<c>bootstrap.servers</c>).</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>The Connect group (<c>group.id</c>); the stand-in runs one worker per group.</summary>
    public string GroupId { get; init; } = "connect-cluster";

    /// <summary>Where connector configs and paused states are kept (<c>config.storage.topic</c>).</summary>
    public string ConfigTopic { get; init; } = "connect-configs";

    /// <summary>Where source offsets are kept (<c>offset.storage.topic</c>).</summary>
    public string OffsetTopic { get; init; } = "connect-offsets";

    /// <summary>Where the worker records that it is alive (<c>status.storage.topic</c>).</summary>
    public string StatusTopic { get; init; } = "connect-status";

    /// <summary><c>config.storage.replication.factor</c>, default 3 (capped at the broker count).</summary>
    public short ConfigReplicationFactor { get; init; } = 3;

    /// <summary><c>offset.storage.replication.factor</c>, default 3 (capped at the broker count).</summary>
    public short OffsetReplicationFactor { get; init; } = 3;

    /// <summary><c>status.storage.replication.factor</c>, default 3 (capped at the broker count).</summary>
    public short StatusReplicationFactor { get; init; } = 3;

    /// <summary>
    /// <c>offset.storage.partitions</c>. Connect's default is 25; the stand-in's default is 1, as the built-in
    /// replicator reads its progress from one partition.
    /// </summary>
    public int OffsetPartitions { get; init; } = 1;

    /// <summary>The REST port from <c>listeners=http://HOST:PORT</c> or <c>rest.port</c>; 0 takes a free port.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The worker's <c>key.converter</c>, when set: the default of connectors that set none.</summary>
    public string? KeyConverter { get; init; }

    /// <summary>The worker's <c>value.converter</c>, when set: the default of connectors that set none.</summary>
    public string? ValueConverter { get; init; }

    /// <summary>
    /// librdkafka settings of the worker's own clients (its topics, and the source offsets of its connectors), from
    /// the worker's <c>security.*</c>, <c>sasl.*</c> and <c>ssl.*</c> keys, secrets resolved. Default none: PLAINTEXT.
    /// </summary>
    public IReadOnlyDictionary<string, string> ClientSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>The worker's <c>config.providers</c>, which resolve references in its own keys and in every connector config.</summary>
    public Configuration.ConfigProviderSet Providers { get; init; } = Configuration.ConfigProviderSet.None;

    /// <summary>A copy of <see cref="ClientSettings"/> to start a client config from.</summary>
    public Dictionary<string, string> Clients() => new(ClientSettings, StringComparer.Ordinal);
}
