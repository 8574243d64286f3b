using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Engine.Clients;

namespace Harness.Engine.OffsetTranslation;

/// <summary>Reads a consumer group's committed offsets in the target: what <c>sync.group.offsets.enabled</c> wrote there.</summary>
internal static class SyncedGroupOffsetReader
{
    /// <summary>The group's committed offsets per partition; empty when the group does not exist in the target.</summary>
    public static async Task<Dictionary<(string Topic, int Partition), long>> ReadAsync(KafkaEndpoint bootstrap, string group, TimeSpan timeout)
    {
        using var admin = new AdminClientBuilder(bootstrap.Admin("harness-switchover-admin"))
            .SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build();
        List<TopicPartitionOffsetError> partitions;
        try
        {
            var listed = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, null)],
                new ListConsumerGroupOffsetsOptions { RequestTimeout = timeout }).ConfigureAwait(false);
            partitions = listed.SelectMany(r => r.Partitions).ToList();
        }
        catch (ListConsumerGroupOffsetsException e)
        {
            // A group the target has never seen answers with an error rather than an empty list on some brokers.
            partitions = e.Results.SelectMany(r => r.Partitions).ToList();
        }

        return partitions.Where(p => !p.Error.IsError && p.Offset.Value >= 0).ToDictionary(p => (p.Topic, p.Partition.Value), p => p.Offset.Value);
    }
}
