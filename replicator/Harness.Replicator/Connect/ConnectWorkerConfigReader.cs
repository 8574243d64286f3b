using System.Globalization;
using System.Text.RegularExpressions;
using Harness.Replicator.Configuration;

namespace Harness.Replicator.Connect;

/// <summary>
/// Reads a Connect distributed worker's properties into a <see cref="ConnectWorkerConfig"/>. Every key is accounted
/// for: used, or reported as a warning that says the stand-in does nothing with it, never silently ignored.
/// </summary>
public static partial class ConnectWorkerConfigReader
{
    /// <summary>Worker settings a real worker acts on and the stand-in does not, with the reason given.</summary>
    private static readonly Dictionary<string, string> NoEffectKeys = new(StringComparer.Ordinal)
    {
        ["config.storage.partitions"] = "the config topic has one partition, as Connect requires",
        ["status.storage.partitions"] = "the status topic is only used for this worker's presence",
        ["header.converter"] = "records are always copied as bytes",
        ["key.converter.schemas.enable"] = "records are always copied as bytes",
        ["value.converter.schemas.enable"] = "records are always copied as bytes",
        ["plugin.path"] = "the MirrorMaker 2 connectors are built in",
        ["offset.flush.interval.ms"] = "each connector saves its progress every second (offset.flush.interval.ms in the connector config)",
        ["offset.flush.timeout.ms"] = "a stopping connector waits up to 30 s for the target",
        ["rest.host.name"] = "the stand-in listens on 127.0.0.1 only",
        ["rest.advertised.host.name"] = "the stand-in listens on 127.0.0.1 only",
        ["rest.advertised.port"] = "the stand-in listens on 127.0.0.1 only",
        ["rest.advertised.listener"] = "the stand-in listens on 127.0.0.1 only",
        ["session.timeout.ms"] = "the stand-in runs one worker per Connect group",
        ["heartbeat.interval.ms"] = "the stand-in runs one worker per Connect group",
        ["rebalance.timeout.ms"] = "the stand-in runs one worker per Connect group",
        ["scheduled.rebalance.max.delay.ms"] = "the stand-in runs one worker per Connect group",
        ["connect.protocol"] = "the stand-in runs one worker per Connect group",
        ["client.id"] = "the stand-in names its own clients",
        ["task.shutdown.graceful.timeout.ms"] = "a stopping connector waits up to 30 s for the target",
        ["exactly.once.source.support"] = "the built-in replicator copies at least once, as MirrorMaker 2 does by default",
    };

    /// <summary>Client prefixes of a worker's properties that reach its own clients; the rest of a key is a client setting.</summary>
    private static readonly string[] SecurityPrefixes = ["security.", "sasl.", "ssl."];

    /// <summary>Worker-level defaults of connectors' clients, which MirrorMaker 2's connectors take from their own config.</summary>
    private static readonly string[] ConnectorClientPrefixes = ["producer.", "consumer.", "admin."];

    /// <summary>Reads <paramref name="properties"/>; <paramref name="warnings"/> collects keys that have no effect.</summary>
    /// <param name="properties">The worker properties (key, value and line), possibly empty.</param>
    /// <param name="bootstrapServers">The <c>--bootstrap-servers</c> option, which wins over the file's.</param>
    /// <param name="warnings">Receives one line per key the stand-in does nothing with.</param>
    /// <exception cref="ReplicatorConfigException">A value is invalid or bootstrap.servers is missing; the message is one line.</exception>
    public static ConnectWorkerConfig Read(IReadOnlyDictionary<string, (string Value, int Line)> properties, string? bootstrapServers, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(warnings);

        // A worker's own keys may name its config providers too, as Kafka's configs resolve them on load.
        var providers = ConfigProviderSet.Declared(properties);
        properties = providers.ResolveAll(properties);
        string? Get(string key) => properties.TryGetValue(key, out var entry) ? entry.Value.Trim() : null;
        var used = new HashSet<string>(StringComparer.Ordinal)
        {
            "bootstrap.servers", "group.id", "config.storage.topic", "offset.storage.topic", "status.storage.topic",
            "config.storage.replication.factor", "offset.storage.replication.factor", "status.storage.replication.factor",
            "offset.storage.partitions", "listeners", "rest.port", "key.converter", "value.converter",
        };
        var clients = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, (value, line)) in properties.OrderBy(p => p.Value.Line))
        {
            if (used.Contains(key))
            {
                continue;
            }

            if (SecurityPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
            {
                ClientPropertyTranslator.Add(key, value, $"line {line}", clients, warnings);
                continue;
            }

            if (ConnectorClientPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
            {
                warnings.Add($"line {line}: '{key}' has no effect on the Connect stand-in: MirrorMaker 2's connectors take their clients' settings from their own source.cluster. and target.cluster. keys");
                continue;
            }

            var reason = NoEffectKeys.TryGetValue(key, out var known) ? known : "the stand-in does not know it";
            warnings.Add($"line {line}: '{key}' has no effect on the Connect stand-in: {reason}");
        }

        var bootstrap = bootstrapServers ?? Get("bootstrap.servers");
        if (string.IsNullOrWhiteSpace(bootstrap))
        {
            throw new ReplicatorConfigException("'bootstrap.servers' is missing; give it in the worker config or as --bootstrap-servers host:port");
        }

        var defaults = new ConnectWorkerConfig { BootstrapServers = bootstrap.Trim() };
        return defaults with
        {
            GroupId = NonEmpty("group.id", Get("group.id")) ?? defaults.GroupId,
            ConfigTopic = Topic("config.storage.topic", Get("config.storage.topic")) ?? defaults.ConfigTopic,
            OffsetTopic = Topic("offset.storage.topic", Get("offset.storage.topic")) ?? defaults.OffsetTopic,
            StatusTopic = Topic("status.storage.topic", Get("status.storage.topic")) ?? defaults.StatusTopic,
            ConfigReplicationFactor = ReplicationFactor("config.storage.replication.factor", Get("config.storage.replication.factor"), defaults.ConfigReplicationFactor),
            OffsetReplicationFactor = ReplicationFactor("offset.storage.replication.factor", Get("offset.storage.replication.factor"), defaults.OffsetReplicationFactor),
            StatusReplicationFactor = ReplicationFactor("status.storage.replication.factor", Get("status.storage.replication.factor"), defaults.StatusReplicationFactor),
            OffsetPartitions = Get("offset.storage.partitions") is { } partitions ? Number("offset.storage.partitions", partitions, 1, 10_000) : defaults.OffsetPartitions,
            Port = ListenerPort(Get("listeners"), Get("rest.port")),
            KeyConverter = NonEmpty("key.converter", Get("key.converter")),
            ValueConverter = NonEmpty("value.converter", Get("value.converter")),
            ClientSettings = clients,
            Providers = providers,
        };
    }

    private static int ListenerPort(string? listeners, string? restPort)
    {
        if (listeners is not null)
        {
            // Connect takes a list; the stand-in serves one listener, the first, and only plain HTTP.
            var first = listeners.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
            var match = Listener().Match(first);
            if (!match.Success)
            {
                throw new ReplicatorConfigException($"listeners={listeners}: expected http://HOST:PORT (the stand-in serves plain HTTP)");
            }

            return Number("listeners", match.Groups["port"].Value, 0, 65535);
        }

        return restPort is null ? ConnectWorkerConfig.DefaultPort : Number("rest.port", restPort, 0, 65535);
    }

    [GeneratedRegex(@"^http://(?<host>[^:/]*):(?<port>\d+)/?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Listener();

    [GeneratedRegex("^[a-zA-Z0-9._-]{1,249}$", RegexOptions.CultureInvariant)]
    private static partial Regex LegalTopic();

    private static string? NonEmpty(string key, string? value) =>
        value is null ? null : value.Length > 0 ? value : throw new ReplicatorConfigException($"{key} is empty");

    private static string? Topic(string key, string? value) =>
        value is null || LegalTopic().IsMatch(value) ? value
            : throw new ReplicatorConfigException($"{key}={value}: expected a Kafka topic name (letters, digits, '.', '_' and '-', at most 249)");

    private static short ReplicationFactor(string key, string? value, short fallback) =>
        value is null ? fallback
            // -1 is Connect's "the broker's default"; the stand-in caps at the broker count anyway.
            : value == "-1" ? fallback : (short)Number(key, value, 1, short.MaxValue);

    private static int Number(string key, string value, int minimum, int maximum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum && n <= maximum ? n
            : throw new ReplicatorConfigException($"{key}={value}: expected an integer from {minimum} to {maximum}");
}
