using System.Globalization;
using System.Text.RegularExpressions;
using Harness.Replicator.Configuration;
using Harness.Replicator.Source;

namespace Harness.Replicator.Connect;

/// <summary>
/// Turns a MirrorMaker 2 connector config, in the shape Kafka's documentation gives for running MirrorMaker 2 on a
/// Connect cluster, into the MM2 properties <see cref="ReplicatorSettingsReader"/> reads, so every key is checked the
/// way the built-in replicator checks it; a <see cref="ReplicatorConfigException"/> becomes an error on the connector
/// key it names. As Connect does, references to the worker's config providers (<c>${env:NAME}</c>,
/// <c>${file:/path.properties:key}</c>, <c>${dir:/folder:file}</c>) are resolved before anything is checked, the config
/// itself is kept as written, and no value a reference stood for appears in a message (<c>[hidden]</c> instead).
/// </summary>
public static partial class ConnectorConfigTranslator
{
    private const string Bytes = MirrorConnectorPlugins.ByteArrayConverter;

    /// <summary>Connector-level Connect settings the stand-in accepts without acting on them, with the reason.</summary>
    private static readonly Dictionary<string, string> NoEffectKeys = new(StringComparer.Ordinal)
    {
        ["header.converter"] = "headers are always copied as bytes",
        ["errors.tolerance"] = "MirrorMaker 2 copies bytes, so there are no conversion errors to tolerate",
        ["errors.log.enable"] = "MirrorMaker 2 copies bytes, so there are no conversion errors to log",
        ["errors.log.include.messages"] = "MirrorMaker 2 copies bytes, so there are no conversion errors to log",
        ["errors.retry.timeout"] = "MirrorMaker 2 copies bytes, so there are no conversion errors to retry",
        ["errors.retry.delay.max.ms"] = "MirrorMaker 2 copies bytes, so there are no conversion errors to retry",
        ["config.action.reload"] = "configs change only through the REST API",
        ["exactly.once.support"] = "the built-in replicator copies at least once, as MirrorMaker 2 does by default",
        ["transaction.boundary"] = "the built-in replicator copies at least once, as MirrorMaker 2 does by default",
    };

    /// <summary>Connect-level settings the stand-in cannot honour unless empty.</summary>
    private static readonly string[] EmptyOnlyKeys = ["transforms", "predicates", "topic.creation.groups"];

    /// <summary>MM2 settings each kind owns; the others are fixed so a connector runs only its own part.</summary>
    private static readonly Dictionary<ConnectorKind, (string Key, string Value)[]> FixedByKind = new()
    {
        [ConnectorKind.Source] = [("emit.checkpoints.enabled", "false"), ("sync.group.offsets.enabled", "false"), ("emit.heartbeats.enabled", "false")],
        [ConnectorKind.Checkpoint] = [("emit.offset-syncs.enabled", "false"), ("emit.heartbeats.enabled", "false")],
        [ConnectorKind.Heartbeat] = [("emit.offset-syncs.enabled", "false"), ("emit.checkpoints.enabled", "false"), ("sync.group.offsets.enabled", "false")],
    };

    /// <summary>Client prefixes of Connect's MM2 connectors and the MM2 properties prefix (after the alias) they become.</summary>
    private static readonly (string Connect, bool Source, string Mm2)[] ClientPrefixes =
    [
        ("source.cluster.", true, ""), ("target.cluster.", false, ""),
        ("source.consumer.", true, "consumer."), ("source.admin.", true, "admin."), ("source.producer.", true, "producer."),
        ("target.producer.", false, "producer."), ("target.admin.", false, "admin."), ("target.consumer.", false, "consumer."),
    ];

    /// <summary>Validates <paramref name="config"/> and, when valid, builds the flow it runs.</summary>
    /// <param name="config">The connector config (connector.class, name, aliases, bootstrap servers, MM2 keys, ...).</param>
    /// <param name="worker">The worker, whose offsets topic keeps the source offsets and whose converters are the defaults.</param>
    /// <param name="checkClients">Whether librdkafka checks the client settings (builds clients; a few milliseconds).</param>
    public static ConnectorValidation Validate(IReadOnlyDictionary<string, string> config, ConnectWorkerConfig worker, bool checkClients = true)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(worker);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var warnings = new List<string>();
        void Error(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }

            list.Add(message);
        }

        var secrets = new List<string>();
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in config)
        {
            try
            {
                resolved[key] = worker.Providers.Resolve(value, key, secrets);
            }
            catch (ReplicatorConfigException e)
            {
                Error(key, e.Message);
                resolved[key] = value;
            }
        }

        string? Get(string key) => resolved.TryGetValue(key, out var value) ? value : null;
        var className = Get("connector.class")?.Trim();
        var plugin = MirrorConnectorPlugins.Find(className);
        if (className is null or "")
        {
            Error("connector.class", Missing("connector.class"));
        }
        else if (plugin is null)
        {
            Error("connector.class", $"Invalid value {className} for configuration connector.class: the stand-in runs only {string.Join(", ", MirrorConnectorPlugins.All.Select(p => p.ClassName))}");
        }

        if (string.IsNullOrWhiteSpace(Get("name")))
        {
            Error("name", Missing("name"));
        }

        var source = Get("source.cluster.alias")?.Trim() ?? "source";
        var target = Get("target.cluster.alias")?.Trim() ?? "target";
        foreach (var (key, alias) in new[] { ("source.cluster.alias", source), ("target.cluster.alias", target) })
        {
            if (!Alias().IsMatch(alias))
            {
                Error(key, $"Invalid value {alias} for configuration {key}: expected a cluster alias (letters, digits, '_' and '-')");
            }
        }

        if (source == target)
        {
            Error("target.cluster.alias", $"Invalid value {target} for configuration target.cluster.alias: the source and target aliases must differ");
        }

        foreach (var (key, fallback) in new[] { ("key.converter", worker.KeyConverter), ("value.converter", worker.ValueConverter) })
        {
            var converter = Get(key)?.Trim() ?? fallback;
            if (converter is not null && converter != Bytes)
            {
                Error(key, $"Invalid value {converter} for configuration {key}: MirrorMaker 2 copies records as bytes; use {Bytes}"
                    + (Get(key) is null ? " (this is the worker's converter; set the connector's own)" : ""));
            }
        }

        foreach (var key in new[] { "source.cluster.bootstrap.servers", "target.cluster.bootstrap.servers" })
        {
            if (string.IsNullOrWhiteSpace(Get(key)))
            {
                Error(key, Missing(key));
            }
        }

        // The MM2 properties, each with the connector key it came from, so an error found later lands on that key.
        var properties = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        var origins = new List<string> { "" };
        void Put(string key, string value, string origin)
        {
            origins.Add(origin);
            properties[key] = (value, origins.Count - 1);
        }

        Put("clusters", $"{source}, {target}", "source.cluster.alias");
        Put($"{source}->{target}.enabled", "true", "connector.class");
        foreach (var (key, value) in resolved.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (key is "name" or "connector.class" or "source.cluster.alias" or "target.cluster.alias" or "key.converter" or "value.converter")
            {
                continue;
            }

            if (NoEffectKeys.TryGetValue(key, out var reason) || key.StartsWith("errors.deadletterqueue.", StringComparison.Ordinal))
            {
                warnings.Add($"'{key}' has no effect on the stand-in: {reason ?? "there are no conversion errors to route"}");
                continue;
            }

            if (EmptyOnlyKeys.Contains(key) || key.StartsWith("transforms.", StringComparison.Ordinal) || key.StartsWith("predicates.", StringComparison.Ordinal)
                || key.StartsWith("topic.creation.", StringComparison.Ordinal))
            {
                if (value.Trim().Length > 0 && !key.StartsWith("topic.creation.default.", StringComparison.Ordinal))
                {
                    Error(key, $"Invalid value {value} for configuration {key}: the stand-in runs no transforms, predicates or topic creation groups");
                }

                continue;
            }

            if (key is "offset.storage.topic" or "offset.storage.replication.factor" or "offset.storage.partitions")
            {
                warnings.Add($"'{key}' has no effect on the stand-in: source offsets are kept in the worker's {worker.OffsetTopic}");
                continue;
            }

            if (ClientPrefixes.FirstOrDefault(p => key.StartsWith(p.Connect, StringComparison.Ordinal)) is { Connect: not null } prefix)
            {
                Put($"{(prefix.Source ? source : target)}.{prefix.Mm2}{key[prefix.Connect.Length..]}", value, key);
                continue;
            }

            if (key.Contains("->", StringComparison.Ordinal) || key == "clusters")
            {
                Error(key, $"Invalid key {key}: a connector runs one flow, named by source.cluster.alias and target.cluster.alias; give its settings without a prefix");
                continue;
            }

            Put(key, value, key);
        }

        // Source offsets live in the worker's offsets topic, as Connect keeps every source connector's.
        Put("offset.storage.topic", worker.OffsetTopic, "offset.storage.topic");
        Put("offset.storage.replication.factor", worker.OffsetReplicationFactor.ToString(CultureInfo.InvariantCulture), "offset.storage.replication.factor");
        Put("offset.storage.partitions", worker.OffsetPartitions.ToString(CultureInfo.InvariantCulture), "offset.storage.partitions");
        if (plugin is { Kind: var kind })
        {
            foreach (var (key, value) in FixedByKind[kind])
            {
                if (resolved.TryGetValue(key, out var given) && !given.Trim().Equals(value, StringComparison.OrdinalIgnoreCase))
                {
                    warnings.Add($"'{key}' has no effect on a {kind} connector: that part of MirrorMaker 2 runs in another connector");
                }

                Put(key, value, "connector.class");
            }
        }

        ReplicatorSettings? settings = null;
        if (errors.Count == 0)
        {
            try
            {
                var read = new List<string>();
                settings = ReplicatorSettingsReader.Read(properties, null, read);
                settings = settings with
                {
                    CopyRecords = plugin!.Value.Kind == ConnectorKind.Source,

                    // Connect keeps source offsets on the worker's cluster, whichever the connector's target is.
                    OffsetStorageBootstrap = settings.TargetBootstrap == worker.BootstrapServers ? null : worker.BootstrapServers,
                    OffsetStorageClients = new ClusterClientSettings { Common = worker.ClientSettings },
                };
                warnings.AddRange(read.Select(w => Relabel(w, properties, origins, source, target).Message));
                if (checkClients)
                {
                    new MirrorReplicator(settings, _ => { }).ValidateClientSettings();
                }
            }
            catch (ReplicatorConfigException e)
            {
                settings = null;
                var (key, message) = Relabel(e.Message, properties, origins, source, target);
                Error(key, message);
            }
        }

        return new ConnectorValidation
        {
            Config = config.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            ConnectorClass = plugin?.ClassName ?? className ?? "",
            Kind = plugin?.Kind,
            Settings = settings,
            Errors = errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)[.. e.Value.Select(m => Hide(m, secrets))], StringComparer.Ordinal),
            Warnings = [.. warnings.Select(w => Hide(w, secrets))],
        };
    }

    /// <summary><paramref name="message"/> without any value a config-provider reference stood for, as Connect hides passwords.</summary>
    private static string Hide(string message, List<string> secrets) =>
        secrets.Aggregate(message, (text, secret) => text.Replace(secret, "[hidden]", StringComparison.Ordinal));

    private static string Missing(string key) => $"Missing required configuration \"{key}\" which has no default value.";

    /// <summary>
    /// The connector key a reader message is about, and the message in the connector's own words: the reader names MM2
    /// properties (<c>line N</c>, <c>source.bootstrap.servers</c>), which the user never wrote.
    /// </summary>
    private static (string Key, string Message) Relabel(string message, Dictionary<string, (string Value, int Line)> properties, List<string> origins, string source, string target)
    {
        string ConnectorKey(string mm2Key)
        {
            if (properties.TryGetValue(mm2Key, out var entry))
            {
                return origins[entry.Line];
            }

            foreach (var (alias, side) in new[] { (source, "source"), (target, "target") })
            {
                if (mm2Key.StartsWith(alias + ".", StringComparison.Ordinal))
                {
                    var rest = mm2Key[(alias.Length + 1)..];
                    var client = ClientPrefixes.Where(p => p.Connect.StartsWith(side, StringComparison.Ordinal) && p.Mm2.Length > 0 && rest.StartsWith(p.Mm2, StringComparison.Ordinal)).ToList();
                    return client.Count > 0 ? client[0].Connect + rest[client[0].Mm2.Length..] : $"{side}.cluster.{rest}";
                }
            }

            return mm2Key;
        }

        var line = LinePrefix().Match(message);
        if (line.Success)
        {
            var origin = origins[int.Parse(line.Groups["line"].Value, CultureInfo.InvariantCulture)];
            var rest = message[line.Length..];
            var mm2Key = properties.FirstOrDefault(p => origins[p.Value.Line] == origin).Key;
            return (origin, mm2Key is null ? rest : rest.Replace($"'{mm2Key}'", $"'{origin}'", StringComparison.Ordinal));
        }

        var named = NamedKey().Match(message);
        if (named.Success)
        {
            var mm2Key = named.Groups["key"].Value;
            var key = ConnectorKey(mm2Key);
            return (key, message.Replace(mm2Key, key, StringComparison.Ordinal));
        }

        // librdkafka's verdict names the cluster and the kind of client ("east consumer settings: ...").
        foreach (var (alias, side) in new[] { (source, "source"), (target, "target") })
        {
            if (message.StartsWith(alias + " ", StringComparison.Ordinal))
            {
                var key = origins.Skip(1).FirstOrDefault(o => o.StartsWith(side + ".", StringComparison.Ordinal) && o != side + ".cluster.alias" && o != side + ".cluster.bootstrap.servers")
                    ?? side + ".cluster.bootstrap.servers";
                return (key, message);
            }
        }

        return ("connector.class", message);
    }

    [GeneratedRegex(@"^line (?<line>\d+): ", RegexOptions.CultureInvariant)]
    private static partial Regex LinePrefix();

    [GeneratedRegex(@"^'?(?<key>[A-Za-z0-9_.\->]+)'?(?:=| is missing|: )", RegexOptions.CultureInvariant)]
    private static partial Regex NamedKey();

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Alias();
}
