using System.Globalization;
using System.Text.RegularExpressions;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Replicators.Connect;

/// <summary>
/// The MirrorMaker 2 connectors of a run, configured as Kafka's documentation describes running them on a Connect
/// cluster: one MirrorSourceConnector per volume class (each with its own <c>tasks.max</c>), a MirrorCheckpointConnector
/// and a MirrorHeartbeatConnector, each with both clusters' aliases and bootstrap servers, the policy, byte-array
/// converters, then the scenario's <c>properties</c> and the connector's own on top. Names start with
/// <see cref="Prefix"/>, which the run owns.
/// </summary>
public sealed record ConnectorPlan(string Prefix, IReadOnlyList<PlannedConnector> Connectors)
{
    /// <summary>The class of a MirrorMaker 2 source connector.</summary>
    public const string SourceClass = "org.apache.kafka.connect.mirror.MirrorSourceConnector";

    /// <summary>The class of a MirrorMaker 2 checkpoint connector.</summary>
    public const string CheckpointClass = "org.apache.kafka.connect.mirror.MirrorCheckpointConnector";

    /// <summary>The class of a MirrorMaker 2 heartbeat connector.</summary>
    public const string HeartbeatClass = "org.apache.kafka.connect.mirror.MirrorHeartbeatConnector";

    /// <summary>Connect's converter that passes bytes through untouched, as MirrorMaker 2 needs.</summary>
    public const string ByteArrayConverter = "org.apache.kafka.connect.converters.ByteArrayConverter";

    // Replication factors a connector's own topics take; the worker's storage topics are the worker's business.
    private static readonly string[] ConnectorFactorKeys =
        ["replication.factor", "checkpoints.topic.replication.factor", "heartbeats.topic.replication.factor", "offset-syncs.topic.replication.factor"];

    /// <summary>The connector playing <paramref name="role"/>, or <see langword="null"/>.</summary>
    public PlannedConnector? Find(string role) => Connectors.FirstOrDefault(c => c.Role == role);

    /// <summary>The plan for <paramref name="launch"/>'s scenario.</summary>
    public static ConnectorPlan For(ReplicatorLaunch launch, ConnectReplicatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(settings);
        var scenario = launch.Scenario;
        var spec = scenario.Replicator;
        var prefix = scenario.AppliedPrefix + "harness-" + Path.GetFileName(Path.GetFullPath(launch.RunDirectory).TrimEnd(Path.DirectorySeparatorChar));
        var common = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["source.cluster.alias"] = spec.SourceAlias,
            ["target.cluster.alias"] = spec.TargetAlias,
            ["source.cluster.bootstrap.servers"] = launch.Source.Bootstrap,
            ["target.cluster.bootstrap.servers"] = launch.Target.Bootstrap,
            ["replication.policy.class"] = spec.Policy == ReplicationPolicyKind.Identity
                ? "org.apache.kafka.connect.mirror.IdentityReplicationPolicy"
                : "org.apache.kafka.connect.mirror.DefaultReplicationPolicy",
            ["key.converter"] = ByteArrayConverter,
            ["value.converter"] = ByteArrayConverter,
            ["header.converter"] = ByteArrayConverter,
        };
        foreach (var (key, value) in launch.Source.Security.Java())
        {
            common["source.cluster." + key] = value;
        }

        foreach (var (key, value) in launch.Target.Security.Java())
        {
            common["target.cluster." + key] = value;
        }

        var factors = Mm2ReplicationFactors.For(scenario);
        foreach (var key in ConnectorFactorKeys.Where(factors.ContainsKey))
        {
            common[key] = factors[key].ToString(CultureInfo.InvariantCulture);
        }

        var connectors = new List<PlannedConnector>();
        foreach (var role in ConnectorRoles.For(scenario))
        {
            var config = new SortedDictionary<string, string>(common, StringComparer.Ordinal);
            string connectorClass;
            IReadOnlyList<string> topics = [];
            switch (role)
            {
                case ConnectorRoles.Checkpoint:
                    connectorClass = CheckpointClass;
                    config["topics"] = Topics(scenario.Topics.Select(t => t.Name));

                    // A rehearsal seeds its groups after the load, minutes before MM2's defaults (600 s group refresh,
                    // 60 s checkpoints) would notice them; the scenario's properties still win.
                    config["refresh.groups.interval.seconds"] = "5";
                    config["emit.checkpoints.interval.seconds"] = "5";
                    break;
                case ConnectorRoles.Heartbeat:
                    connectorClass = HeartbeatClass;
                    break;
                default:
                    connectorClass = SourceClass;
                    topics = scenario.Topics.Where(t => ConnectorRoles.Source(t.Volume) == role).Select(t => t.Name).ToList();
                    config["topics"] = Topics(topics);
                    break;
            }

            foreach (var (key, value) in spec.Properties)
            {
                config[key] = value;
            }

            settings.Connectors.TryGetValue(role, out var tuning);
            var tasks = tuning?.Tasks ?? (role is ConnectorRoles.Checkpoint or ConnectorRoles.Heartbeat ? 1 : settings.Tasks ?? 1);
            config["tasks.max"] = tasks.ToString(CultureInfo.InvariantCulture);
            foreach (var (key, value) in tuning?.Properties ?? new Dictionary<string, string>())
            {
                config[key] = value;
            }

            var name = $"{prefix}-{role}";
            config["name"] = name;
            config["connector.class"] = connectorClass;
            connectors.Add(new PlannedConnector(role, name, connectorClass, tasks, topics, config));
        }

        return new ConnectorPlan(prefix, connectors);
    }

    private static string Topics(IEnumerable<string> names) => string.Join(',', names.Select(Regex.Escape));
}
