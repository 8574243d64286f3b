using Harness.Broker.Cluster;
using Harness.Broker.Protocol;

namespace Harness.Broker.Admin;

/// <summary>
/// Changes a topic's explicit configs (AlterConfigs, IncrementalAlterConfigs) all or nothing, then makes them
/// take effect: the parsed config is rebuilt and retention runs at once, as Kafka's log cleaner soon would.
/// </summary>
internal static class TopicConfigEditor
{
    // One writer at a time, so two concurrent alterations cannot interleave into a set nobody asked for.
    private static readonly Lock Gate = new();

    /// <summary>AlterConfigs: the given set replaces every explicit config of the topic.</summary>
    public static AdminError Replace(ClusterState cluster, TopicState topic, IReadOnlyList<KeyValuePair<string, string?>> configs, bool validateOnly)
    {
        var next = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in configs)
        {
            if (value is null)
            {
                return new AdminError(ErrorCode.InvalidRequest, $"Null value not supported for topic config: {name}");
            }

            var error = TopicConfigDefinitions.Validate(name, value);
            if (error is not null)
            {
                return new AdminError(ErrorCode.InvalidConfig, error);
            }

            next[name] = value;
        }

        if (!validateOnly)
        {
            lock (Gate)
            {
                Commit(cluster, topic, next);
            }
        }

        return AdminError.None;
    }

    /// <summary>IncrementalAlterConfigs: applies SET, DELETE, APPEND and SUBTRACT to the current explicit configs.</summary>
    public static AdminError Apply(ClusterState cluster, TopicState topic, IReadOnlyList<ConfigAlteration> alterations, bool validateOnly)
    {
        var duplicate = alterations.GroupBy(a => a.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return new AdminError(ErrorCode.InvalidRequest, $"Error due to duplicate config keys: {duplicate.Key}");
        }

        lock (Gate)
        {
            var next = new Dictionary<string, string>(topic.Configs, StringComparer.Ordinal);
            foreach (var alteration in alterations)
            {
                var error = Apply(next, alteration);
                if (error.IsError)
                {
                    return error;
                }
            }

            if (!validateOnly)
            {
                Commit(cluster, topic, next);
            }
        }

        return AdminError.None;
    }

    private static AdminError Apply(Dictionary<string, string> configs, ConfigAlteration alteration)
    {
        var name = alteration.Name;
        if (!TopicConfigDefinitions.All.TryGetValue(name, out var definition))
        {
            return new AdminError(ErrorCode.InvalidConfig, $"Unknown topic config name: {name}");
        }

        if (alteration.Operation == AlterConfigOperation.Delete)
        {
            configs.Remove(name);
            return AdminError.None;
        }

        if (alteration.Operation is not (AlterConfigOperation.Set or AlterConfigOperation.Append or AlterConfigOperation.Subtract))
        {
            return new AdminError(ErrorCode.InvalidRequest, $"Unknown config operation {(sbyte)alteration.Operation} for config {name}");
        }

        if (alteration.Value is null)
        {
            return new AdminError(ErrorCode.InvalidRequest, $"Null value not supported for : {name}");
        }

        var value = alteration.Value;
        if (alteration.Operation != AlterConfigOperation.Set)
        {
            if (definition.Type != ConfigType.List)
            {
                var verb = alteration.Operation == AlterConfigOperation.Append ? "append" : "subtract";
                return new AdminError(ErrorCode.InvalidConfig, $"Config value {verb} is not allowed for config key: {name}");
            }

            // Like Kafka, a list not set on the topic starts from its default.
            var items = TopicConfigDefinitions.SplitList(configs.GetValueOrDefault(name) ?? definition.Default).ToList();
            var operands = TopicConfigDefinitions.SplitList(value);
            if (alteration.Operation == AlterConfigOperation.Append)
            {
                items.AddRange(operands.Where(o => !items.Contains(o, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal));
            }
            else
            {
                items.RemoveAll(i => operands.Contains(i, StringComparer.Ordinal));
            }

            value = string.Join(',', items);
        }

        var invalid = TopicConfigDefinitions.Validate(name, value);
        if (invalid is not null)
        {
            return new AdminError(ErrorCode.InvalidConfig, invalid);
        }

        configs[name] = value;
        return AdminError.None;
    }

    private static void Commit(ClusterState cluster, TopicState topic, Dictionary<string, string> next)
    {
        foreach (var key in topic.Configs.Keys)
        {
            if (!next.ContainsKey(key))
            {
                topic.Configs.TryRemove(key, out _);
            }
        }

        foreach (var (key, value) in next)
        {
            topic.Configs[key] = value;
        }

        topic.ConfigsChanged();
        var now = cluster.NowMs;
        foreach (var partition in topic.Partitions)
        {
            partition.Log.ApplyRetention(topic.Config, now);
        }
    }
}
