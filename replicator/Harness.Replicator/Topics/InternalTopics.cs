using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Harness.Replicator.Topics;

/// <summary>Creates MM2's internal topics when missing: compacted, one partition unless told otherwise, as MM2 creates them.</summary>
internal static class InternalTopics
{
    public static async Task EnsureAsync(IAdminClient admin, string topic, short replicationFactor, TimeSpan timeout, int partitions = 1)
    {
        var metadata = admin.GetMetadata(topic, timeout);
        if (metadata.Topics.Any(t => t.Topic == topic && t.Error.Code == ErrorCode.NoError && t.Partitions.Count > 0))
        {
            return;
        }

        var brokers = Math.Max(1, admin.GetMetadata(timeout).Brokers.Count);
        try
        {
            await admin.CreateTopicsAsync(
                [
                    new TopicSpecification
                    {
                        Name = topic,
                        NumPartitions = partitions,
                        ReplicationFactor = (short)Math.Min(replicationFactor, brokers),
                        Configs = new Dictionary<string, string> { ["cleanup.policy"] = "compact" },
                    },
                ],
                new CreateTopicsOptions { OperationTimeout = timeout, RequestTimeout = timeout }).ConfigureAwait(false);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Created by another replicator, or by an earlier run of this one.
        }
    }
}
