using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Replicator.Configuration;

namespace Harness.Replicator.Topics;

/// <summary>
/// Creates the remote topics of newly mirrored source topics with the source's partition count and, when
/// <c>sync.topic.configs.enabled</c>, the configs set explicitly on the source (minus
/// <c>config.properties.exclude</c>); grows remote topics whose source gained partitions.
/// </summary>
internal sealed class RemoteTopics(ReplicatorSettings settings, IAdminClient sourceAdmin, IAdminClient targetAdmin, TimeSpan timeout)
{
    public async Task EnsureAsync(IReadOnlyList<(string Topic, int Partitions)> sourceTopics)
    {
        if (sourceTopics.Count == 0)
        {
            return;
        }

        var targetMetadata = targetAdmin.GetMetadata(timeout);
        var existing = targetMetadata.Topics.Where(t => t.Error.Code == ErrorCode.NoError).ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal);
        var replicationFactor = (short)Math.Min(settings.ReplicationFactor, Math.Max(1, targetMetadata.Brokers.Count));
        var missing = sourceTopics.Where(t => !existing.ContainsKey(settings.RemoteTopic(t.Topic))).ToList();
        var configs = settings.SyncTopicConfigs && missing.Count > 0 ? await ReadConfigsAsync(missing.Select(t => t.Topic)).ConfigureAwait(false) : [];
        var grow = sourceTopics
            .Where(t => existing.TryGetValue(settings.RemoteTopic(t.Topic), out var count) && count < t.Partitions)
            .Select(t => new PartitionsSpecification { Topic = settings.RemoteTopic(t.Topic), IncreaseTo = t.Partitions })
            .ToList();
        if (grow.Count > 0)
        {
            await targetAdmin.CreatePartitionsAsync(grow, new CreatePartitionsOptions { RequestTimeout = timeout }).ConfigureAwait(false);
        }

        if (missing.Count == 0)
        {
            return;
        }

        var create = missing.Select(t => new TopicSpecification
        {
            Name = settings.RemoteTopic(t.Topic),
            NumPartitions = t.Partitions,
            ReplicationFactor = replicationFactor,
            Configs = configs.GetValueOrDefault(t.Topic) ?? [],
        }).ToList();
        try
        {
            await targetAdmin.CreateTopicsAsync(create, new CreateTopicsOptions { RequestTimeout = timeout, OperationTimeout = timeout }).ConfigureAwait(false);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another replicator (or the harness) created them first: the same outcome.
        }
    }

    /// <summary>Topic configs set explicitly on the source, as MM2 syncs them (defaults are left to the target).</summary>
    private async Task<Dictionary<string, Dictionary<string, string>>> ReadConfigsAsync(IEnumerable<string> topics)
    {
        var resources = topics.Select(t => new ConfigResource { Type = ResourceType.Topic, Name = t }).ToList();
        var described = await sourceAdmin.DescribeConfigsAsync(resources, new DescribeConfigsOptions { RequestTimeout = timeout }).ConfigureAwait(false);
        return described.ToDictionary(
            r => r.ConfigResource.Name,
            r => r.Entries.Values
                .Where(e => !e.IsDefault && !e.IsReadOnly && !e.IsSensitive && e.Source == ConfigSource.DynamicTopicConfig
                    && !settings.ConfigPropertiesExclude.Any(x => x.IsMatch(e.Name)))
                .ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);
    }
}
