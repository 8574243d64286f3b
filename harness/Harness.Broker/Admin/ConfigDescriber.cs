using Harness.Broker.Cluster;

namespace Harness.Broker.Admin;

/// <summary>Builds the DescribeConfigs entries of a topic or a broker.</summary>
internal static class ConfigDescriber
{
    /// <summary>
    /// Every topic config: explicit ones as DYNAMIC_TOPIC_CONFIG, the rest as DEFAULT_CONFIG, which is what
    /// config-sync tools (MirrorMaker 2 among them) use to skip values nobody set.
    /// </summary>
    public static IEnumerable<ConfigEntry> Topic(TopicState topic, IReadOnlySet<string>? keys, bool includeSynonyms)
    {
        foreach (var definition in TopicConfigDefinitions.All.Values.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (keys is not null && !keys.Contains(definition.Name))
            {
                continue;
            }

            var isSet = topic.Configs.TryGetValue(definition.Name, out var explicitValue);
            var value = isSet ? explicitValue : definition.Default;
            List<ConfigSynonym> synonyms = [];
            if (includeSynonyms)
            {
                if (isSet)
                {
                    synonyms.Add(new ConfigSynonym(definition.Name, explicitValue, ConfigSource.DynamicTopicConfig));
                }

                var brokerName = TopicConfigDefinitions.BrokerSynonym(definition.Name) ?? definition.Name;
                synonyms.Add(new ConfigSynonym(brokerName, definition.Default, ConfigSource.DefaultConfig));
            }

            yield return new ConfigEntry(
                definition.Name,
                definition.Sensitive ? null : value,
                ReadOnly: false,
                isSet ? ConfigSource.DynamicTopicConfig : ConfigSource.DefaultConfig,
                definition.Sensitive,
                definition.Type,
                Documentation: null, // Kafka's topic config docs are long prose; v3 allows null and clients show none.
                synonyms);
        }
    }

    /// <summary>The broker's configs, all static (read-only: they come from the cluster's options).</summary>
    public static IEnumerable<ConfigEntry> Broker(BrokerNode broker, IReadOnlySet<string>? keys, bool includeSynonyms, bool includeDocumentation)
    {
        foreach (var config in BrokerConfigDefinitions.All)
        {
            if (keys is not null && !keys.Contains(config.Name))
            {
                continue;
            }

            var value = config.Sensitive ? null : config.Value(broker);
            yield return new ConfigEntry(
                config.Name,
                value,
                ReadOnly: true,
                ConfigSource.StaticBrokerConfig,
                config.Sensitive,
                config.Type,
                includeDocumentation ? config.Documentation : null,
                includeSynonyms ? [new ConfigSynonym(config.Name, value, ConfigSource.StaticBrokerConfig)] : []);
        }
    }
}
