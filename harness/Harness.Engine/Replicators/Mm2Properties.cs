using Harness.Engine.Clients;
using Harness.Engine.Security;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Replicators;

/// <summary>A scenario's MirrorMaker 2 properties file, the contract every MM2-shaped replicator reads.</summary>
public static class Mm2Properties
{
    /// <summary>The text of the properties file: what the built-in replicator runs with, and what a user would give real MM2.</summary>
    /// <param name="scenario">The scenario: clusters, topics, policy, aliases and its <c>properties</c>, which win over everything else.</param>
    /// <param name="sourceBootstrap">How the source is reached: bootstrap servers and security (secrets as config-provider references).</param>
    /// <param name="targetBootstrap">How the target is reached.</param>
    /// <param name="options">What the driver adds; <see cref="Mm2PropertiesOptions.None"/> by default.</param>
    public static string Render(Scenario scenario, KafkaEndpoint sourceBootstrap, KafkaEndpoint targetBootstrap, Mm2PropertiesOptions? options = null)
    {
        options ??= Mm2PropertiesOptions.None;
        var spec = scenario.Replicator;
        var (source, target) = (spec.SourceAlias, spec.TargetAlias);
        var properties = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["clusters"] = $"{source}, {target}",
            [$"{source}.bootstrap.servers"] = sourceBootstrap.Bootstrap,
            [$"{target}.bootstrap.servers"] = targetBootstrap.Bootstrap,
            [$"{source}->{target}.enabled"] = "true",
            ["topics"] = string.Join(',', scenario.Topics.Select(t => Regex.Escape(t.Name))),
            ["replication.policy.class"] = spec.Policy == ReplicationPolicyKind.Identity
                ? "org.apache.kafka.connect.mirror.IdentityReplicationPolicy"
                : "org.apache.kafka.connect.mirror.DefaultReplicationPolicy",
        };
        // A rehearsal seeds its consumer groups after the load, minutes before MM2's defaults (600 s group
        // refresh, 60 s checkpoints) would notice them; the scenario's own properties still win.
        properties["refresh.groups.interval.seconds"] = "5";
        properties["emit.checkpoints.interval.seconds"] = "5";
        if (options.CapReplicationFactors)
        {
            foreach (var (key, factor) in Mm2ReplicationFactors.For(scenario))
            {
                properties[key] = factor.ToString(CultureInfo.InvariantCulture);
            }
        }

        // Each cluster's clients connect as its security says; MM2 applies "{alias}." settings to every client of
        // that cluster. The built-in replicator is given librdkafka's names, real MirrorMaker 2 Java's.
        foreach (var (alias, endpoint) in new[] { (source, sourceBootstrap), (target, targetBootstrap) })
        {
            var security = options.LibrdkafkaClients ? endpoint.Security.LibrdkafkaForChild() : endpoint.Security.Java();
            foreach (var (key, value) in security)
            {
                properties[$"{alias}.{key}"] = value;
            }
        }

        if (sourceBootstrap.Security.IsSecured || targetBootstrap.Security.IsSecured)
        {
            foreach (var (key, value) in ClientSecurity.ConfigProviders)
            {
                properties[key] = value;
            }
        }

        if (options.TasksMax is { } tasks)
        {
            properties["tasks.max"] = tasks.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in spec.Properties)
        {
            properties[key] = value;
        }

        var text = new StringBuilder("# Written by the harness for this run. Harness defaults: refresh.groups.interval.seconds = 5,\n# emit.checkpoints.interval.seconds = 5 (MM2: 600 and 60); scenario properties override them.\n");
        if (options.CapReplicationFactors)
        {
            text.Append("# Replication factors are MM2's defaults capped by the clusters' broker counts; tasks.max is the scenario's tasks.\n");
        }

        foreach (var (key, value) in properties)
        {
            text.Append(key).Append(" = ").Append(value).Append('\n');
        }

        return text.ToString();
    }
}
