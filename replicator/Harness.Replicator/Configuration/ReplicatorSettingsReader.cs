using System.Text.RegularExpressions;
using Harness.Mm2.Policies;

namespace Harness.Replicator.Configuration;

/// <summary>
/// Turns an MM2 properties file into <see cref="ReplicatorSettings"/> for its one enabled flow. Every key is
/// accounted for: used, accepted with no effect (a warning that says why), or unknown (an error naming the key
/// and its line), so a setting is never silently ignored.
/// </summary>
public static partial class ReplicatorSettingsReader
{
    private const string SabotagePrefix = "harness.sabotage.";

    /// <summary>Caps each task's records per second, so capacity sizing can be tested against a known answer.</summary>
    public const string ThrottleKey = "harness.throttle.records.per.second.per.task";

    /// <summary>Which MirrorMaker 2's offset-sync writing to follow: 3.7 (the default) or 3.6, before KAFKA-15906 was fixed.</summary>
    public const string OffsetSyncsVersionKey = "harness.mm2.offset.syncs";

    /// <summary>Flow settings this replicator acts on, bare or prefixed with <c>source-&gt;target.</c>.</summary>
    private static readonly HashSet<string> FlowKeys = new(StringComparer.Ordinal)
    {
        "enabled", "topics", "topics.exclude", "topics.blacklist", "groups", "groups.exclude", "groups.blacklist",
        "replication.policy.class", "replication.policy.separator", "replication.policy.internal.topic.separator.enabled",
        "tasks.max", "offset.lag.max", "emit.offset-syncs.enabled", "offset-syncs.topic.location",
        "emit.checkpoints.enabled", "emit.checkpoints.interval.seconds", "sync.group.offsets.enabled", "sync.group.offsets.interval.seconds",
        "emit.heartbeats.enabled", "emit.heartbeats.interval.seconds", "refresh.topics.enabled", "refresh.topics.interval.seconds",
        "refresh.groups.enabled", "refresh.groups.interval.seconds", "sync.topic.configs.enabled", "config.properties.exclude",
        "config.properties.blacklist", "replication.factor", "checkpoints.topic.replication.factor", "heartbeats.topic.replication.factor",
        "offset-syncs.topic.replication.factor", "offset.flush.interval.ms",
        "offset.storage.topic", "offset.storage.replication.factor", "offset.storage.partitions", "admin.timeout.ms", "harness.tasks.volume.sample.ms", "harness.records.on.heap", ThrottleKey, OffsetSyncsVersionKey,
        "topic.filter.class", "group.filter.class", "config.property.filter.class",
        SabotagePrefix + "drop.every", SabotagePrefix + "duplicate.every", SabotagePrefix + "reorder.every",
        SabotagePrefix + "corrupt.header.every", SabotagePrefix + "corrupt.value.every", SabotagePrefix + "misroute.every", SabotagePrefix + "checkpoints.ahead.by",
        SabotagePrefix + "copy.aborted", SabotagePrefix + "drop.latest.key.every",
    };

    /// <summary>MM2 and Connect settings that mean nothing to this replicator, with the reason given to the user.</summary>
    private static readonly Dictionary<string, string> NoEffectKeys = new(StringComparer.Ordinal)
    {
        ["config.storage.topic"] = "there is no Connect config topic",
        ["config.storage.replication.factor"] = "there is no Connect config topic",
        ["status.storage.topic"] = "there is no Connect status topic",
        ["status.storage.replication.factor"] = "there is no Connect status topic",
        ["status.storage.partitions"] = "there is no Connect status topic",
        ["key.converter"] = "records are always copied as bytes",
        ["value.converter"] = "records are always copied as bytes",
        ["header.converter"] = "records are always copied as bytes",
        ["sync.topic.acls.enabled"] = "ACLs are not synced",
        ["sync.topic.acls.interval.seconds"] = "ACLs are not synced",
        ["sync.topic.configs.interval.seconds"] = "topic configs are copied when a remote topic is created",
        ["dedicated.mode.enable.internal.rest"] = "there is no Connect REST server (see --control-port)",
        ["consumer.poll.timeout.ms"] = "the replicator's poll loop has its own timing",
    };

    /// <summary>The only filter classes there are: MM2's defaults, configured by the regex keys.</summary>
    private static readonly Dictionary<string, string> DefaultFilterClasses = new(StringComparer.Ordinal)
    {
        ["topic.filter.class"] = "org.apache.kafka.connect.mirror.DefaultTopicFilter",
        ["group.filter.class"] = "org.apache.kafka.connect.mirror.DefaultGroupFilter",
        ["config.property.filter.class"] = "org.apache.kafka.connect.mirror.DefaultConfigPropertyFilter",
    };

    /// <summary>Client settings that may stand at the top level and then apply to every cluster.</summary>
    private static readonly string[] SharedClientPrefixes = ["security.", "sasl.", "ssl."];

    /// <summary>Reads settings; <paramref name="warnings"/> collects keys that are accepted but have no effect.</summary>
    /// <exception cref="ReplicatorConfigException">A key is unknown or a value is invalid; the message is one line.</exception>
    public static ReplicatorSettings Read(IReadOnlyDictionary<string, (string Value, int Line)> properties, string? flow, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(warnings);
        properties = ConfigProviders.Resolve(properties);
        string? Get(string key) => properties.TryGetValue(key, out var entry) ? entry.Value : null;

        var clusters = (Get("clusters") ?? throw new ReplicatorConfigException("'clusters' is missing; expected e.g. clusters = source, target"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (source, target) = ResolveFlow(properties, clusters, flow);
        var flowPrefix = $"{source}->{target}.";
        var sourceClients = new ClientSettingsBuilder();
        var targetClients = new ClientSettingsBuilder();

        foreach (var (key, (value, line)) in properties.OrderBy(p => p.Value.Line))
        {
            var origin = line > 0 ? $"line {line}" : "--set";
            var bare = key.StartsWith(flowPrefix, StringComparison.Ordinal) ? key[flowPrefix.Length..] : key;
            if (key == "clusters" || (!key.StartsWith(flowPrefix, StringComparison.Ordinal) && IsOtherFlowKey(key, clusters)))
            {
                continue;
            }

            if (FlowKeys.Contains(bare) || bare.StartsWith(SabotagePrefix, StringComparison.Ordinal))
            {
                if (!FlowKeys.Contains(bare))
                {
                    throw new ReplicatorConfigException($"{origin}: unknown sabotage key '{key}'; the switches are drop.every, duplicate.every, reorder.every, corrupt.header.every, corrupt.value.every, misroute.every, checkpoints.ahead.by, copy.aborted and drop.latest.key.every");
                }

                continue;
            }

            if (NoEffectKeys.TryGetValue(bare, out var reason) || bare.StartsWith("rest.", StringComparison.Ordinal) || bare == "listeners")
            {
                warnings.Add($"{origin}: '{key}' has no effect on the built-in replicator: {reason ?? "there is no Connect REST server (see --control-port)"}");
                continue;
            }

            if (ClusterOf(key, clusters) is { } alias)
            {
                var setting = key[(alias.Length + 1)..];
                var builder = alias == source ? sourceClients : alias == target ? targetClients : null;
                builder?.Add(setting, value, $"{origin} ('{key}')", warnings);
                continue;
            }

            if (SharedClientPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
            {
                sourceClients.AddShared(key, value, $"{origin} ('{key}')", warnings);
                targetClients.AddShared(key, value, $"{origin} ('{key}')", []); // reported once, for the source
                continue;
            }

            throw new ReplicatorConfigException($"{origin}: unknown key '{key}'; expected MM2 keys such as clusters, <alias>.bootstrap.servers, topics, tasks.max (see docs)");
        }

        string? Setting(string key) => Get(flowPrefix + key) ?? Get(key);
        foreach (var (key, expected) in DefaultFilterClasses)
        {
            if (Setting(key) is { } filter && filter.Trim() != expected)
            {
                throw new ReplicatorConfigException($"{key}={filter}: custom filter classes are not supported; use topics/groups/config.properties.exclude regexes with {expected}");
            }
        }

        IReplicationPolicy policy;
        try
        {
            policy = ReplicationPolicies.FromClassName(
                Setting("replication.policy.class") ?? ReplicationPolicies.DefaultClassName,
                Setting("replication.policy.separator") ?? DefaultReplicationPolicy.DefaultSeparator,
                Setting("replication.policy.internal.topic.separator.enabled") is not { } internalSeparator
                    || ReplicatorSettings.Bool("replication.policy.internal.topic.separator.enabled", internalSeparator));
        }
        catch (ArgumentException e)
        {
            throw new ReplicatorConfigException($"replication.policy.class: {e.Message}");
        }

        var defaults = new ReplicatorSettings { SourceAlias = source, TargetAlias = target, SourceBootstrap = "", TargetBootstrap = "" };
        var values = new FlowValues(Setting);
        return defaults with
        {
            SourceBootstrap = NonEmpty(Get($"{source}.bootstrap.servers"), $"{source}.bootstrap.servers"),
            TargetBootstrap = NonEmpty(Get($"{target}.bootstrap.servers"), $"{target}.bootstrap.servers"),
            Policy = policy,
            Topics = values.Regexes("topics", null) ?? defaults.Topics,
            TopicsExclude = values.Regexes("topics.exclude", "topics.blacklist") ?? defaults.TopicsExclude,
            Groups = values.Regexes("groups", null) ?? defaults.Groups,
            GroupsExclude = values.Regexes("groups.exclude", "groups.blacklist") ?? defaults.GroupsExclude,
            TasksMax = values.Int("tasks.max", defaults.TasksMax, 1),
            OffsetLagMax = values.Long("offset.lag.max", defaults.OffsetLagMax, 0),
            EmitOffsetSyncs = values.Bool("emit.offset-syncs.enabled", defaults.EmitOffsetSyncs),
            OffsetSyncsLocation = values.Location("offset-syncs.topic.location"),
            EmitCheckpoints = values.Bool("emit.checkpoints.enabled", defaults.EmitCheckpoints),
            CheckpointsInterval = values.Seconds("emit.checkpoints.interval.seconds", defaults.CheckpointsInterval),
            SyncGroupOffsets = values.Bool("sync.group.offsets.enabled", defaults.SyncGroupOffsets),
            SyncGroupOffsetsInterval = values.Seconds("sync.group.offsets.interval.seconds", defaults.SyncGroupOffsetsInterval),
            EmitHeartbeats = values.Bool("emit.heartbeats.enabled", defaults.EmitHeartbeats),
            HeartbeatsInterval = values.Seconds("emit.heartbeats.interval.seconds", defaults.HeartbeatsInterval),
            RefreshTopics = values.Bool("refresh.topics.enabled", defaults.RefreshTopics),
            RefreshTopicsInterval = values.Seconds("refresh.topics.interval.seconds", defaults.RefreshTopicsInterval),
            RefreshGroups = values.Bool("refresh.groups.enabled", defaults.RefreshGroups),
            RefreshGroupsInterval = values.Seconds("refresh.groups.interval.seconds", defaults.RefreshGroupsInterval),
            SyncTopicConfigs = values.Bool("sync.topic.configs.enabled", defaults.SyncTopicConfigs),
            ConfigPropertiesExclude = values.Regexes("config.properties.exclude", "config.properties.blacklist") ?? defaults.ConfigPropertiesExclude,
            ReplicationFactor = (short)values.Int("replication.factor", defaults.ReplicationFactor, 1, short.MaxValue),
            InternalTopicReplicationFactor = (short)new[] { "checkpoints.topic.replication.factor", "heartbeats.topic.replication.factor", "offset-syncs.topic.replication.factor" }
                .Select(k => values.Int(k, defaults.InternalTopicReplicationFactor, 1, short.MaxValue)).Min(),
            OffsetStorageTopicSetting = TopicName("offset.storage.topic", Setting("offset.storage.topic")),
            OffsetStorageReplicationFactor = (short)values.Int("offset.storage.replication.factor", defaults.OffsetStorageReplicationFactor, 1, short.MaxValue),
            OffsetStoragePartitions = values.Int("offset.storage.partitions", defaults.OffsetStoragePartitions, 1),
            AdminTimeout = TimeSpan.FromMilliseconds(values.Int("admin.timeout.ms", (int)defaults.AdminTimeout.TotalMilliseconds, 100)),
            CommitInterval = TimeSpan.FromMilliseconds(values.Int("offset.flush.interval.ms", (int)defaults.CommitInterval.TotalMilliseconds, 10)),
            RecordsOnHeap = values.Bool("harness.records.on.heap", defaults.RecordsOnHeap),
            VolumeSampleWindow = TimeSpan.FromMilliseconds(values.Int("harness.tasks.volume.sample.ms", (int)defaults.VolumeSampleWindow.TotalMilliseconds, 0)),
            ThrottleRecordsPerSecondPerTask = values.Long(ThrottleKey, 0L, 0),
            SyncsAtCommit = values.SyncsAtCommit(OffsetSyncsVersionKey),
            SourceClients = sourceClients.Build(),
            TargetClients = targetClients.Build(),
            Sabotage = new SabotageSettings
            {
                DropEvery = values.Long(SabotagePrefix + "drop.every", 0, 0),
                DuplicateEvery = values.Long(SabotagePrefix + "duplicate.every", 0, 0),
                ReorderEvery = values.Long(SabotagePrefix + "reorder.every", 0, 0),
                CorruptHeaderEvery = values.Long(SabotagePrefix + "corrupt.header.every", 0, 0),
                CorruptValueEvery = values.Long(SabotagePrefix + "corrupt.value.every", 0, 0),
                MisrouteEvery = values.Long(SabotagePrefix + "misroute.every", 0, 0),
                CheckpointsAheadBy = values.Long(SabotagePrefix + "checkpoints.ahead.by", 0, 0),
                CopyAborted = values.Bool(SabotagePrefix + "copy.aborted", false),
                DropLatestKeyEvery = values.Long(SabotagePrefix + "drop.latest.key.every", 0, 0),
            },
        };
    }

    private static string? TopicName(string key, string? value) =>
        value is null || LegalTopic().IsMatch(value.Trim()) ? value?.Trim()
            : throw new ReplicatorConfigException($"{key}={value}: expected a Kafka topic name (letters, digits, '.', '_' and '-', at most 249)");

    [GeneratedRegex("^[a-zA-Z0-9._-]{1,249}$", RegexOptions.CultureInvariant)]
    private static partial Regex LegalTopic();

    private static string NonEmpty(string? value, string key) =>
        string.IsNullOrWhiteSpace(value) ? throw new ReplicatorConfigException($"'{key}' is missing; expected host:port[,host:port]") : value.Trim();

    private static (string Source, string Target) ResolveFlow(IReadOnlyDictionary<string, (string Value, int Line)> properties, string[] clusters, string? flow)
    {
        if (flow is not null)
        {
            var parts = flow.Split("->", StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !clusters.Contains(parts[0]) || !clusters.Contains(parts[1]) || parts[0] == parts[1])
            {
                throw new ReplicatorConfigException($"flow '{flow}' does not name two of the clusters {string.Join(", ", clusters)}; expected e.g. {clusters[0]}->{clusters[^1]}");
            }

            return (parts[0], parts[1]);
        }

        var enabled = clusters.SelectMany(s => clusters.Where(t => t != s).Select(t => (Source: s, Target: t)))
            .Where(f => properties.TryGetValue($"{f.Source}->{f.Target}.enabled", out var entry) && entry.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return enabled.Count switch
        {
            1 => enabled[0],
            0 => throw new ReplicatorConfigException($"no flow is enabled; expected e.g. {clusters.FirstOrDefault() ?? "source"}->{clusters.LastOrDefault() ?? "target"}.enabled = true"),
            _ => throw new ReplicatorConfigException($"{enabled.Count} flows are enabled ({string.Join(", ", enabled.Select(f => $"{f.Source}->{f.Target}"))}); run one replicator per flow with --flow A->B"),
        };
    }

    private static string? ClusterOf(string key, string[] clusters) =>
        key.Contains("->", StringComparison.Ordinal) ? null : clusters.Where(c => key.StartsWith(c + ".", StringComparison.Ordinal)).MaxBy(c => c.Length);

    private static bool IsOtherFlowKey(string key, string[] clusters)
    {
        var arrow = key.IndexOf("->", StringComparison.Ordinal);
        if (arrow <= 0)
        {
            return false;
        }

        var rest = key[(arrow + 2)..];
        var target = clusters.Where(c => rest.StartsWith(c + ".", StringComparison.Ordinal)).MaxBy(c => c.Length);
        if (!clusters.Contains(key[..arrow]) || target is null)
        {
            return false;
        }

        var setting = rest[(target.Length + 1)..];
        return FlowKeys.Contains(setting) || NoEffectKeys.ContainsKey(setting);
    }
}
