using Confluent.Kafka;
using Harness.Replicator.Clients;
using Harness.Replicator.Configuration;
using Harness.Replicator.Metrics;

namespace Harness.Replicator.Checkpoints;

/// <summary>
/// MM2's checkpoint task on a thread of its own: reads the offset syncs, restores the checkpoints of an earlier run,
/// then runs the <see cref="CheckpointRounds"/>. Replication never waits for it: checkpoints are advisory.
/// </summary>
internal sealed class CheckpointLoop(
    ReplicatorSettings settings,
    KafkaClients source,
    KafkaClients target,
    IAdminClient sourceAdmin,
    IAdminClient targetAdmin,
    IProducer<byte[]?, byte[]?> targetProducer,
    ReplicatorMetrics metrics,
    Action<string> log)
{
    public async Task RunAsync(CancellationToken cancellation)
    {
        var syncsCluster = settings.OffsetSyncsLocation == OffsetSyncsTopicLocation.Source ? source : target;
        using var reader = new OffsetSyncReader(
            syncsCluster.Consumer(new ConsumerConfig { GroupId = "harness-replicator-offset-syncs-reader", ClientId = "harness-replicator-offset-syncs-reader", EnableAutoCommit = false }),
            settings.OffsetSyncsTopic,
            log,
            metrics.Time);
        var checkpoints = new CheckpointEmitter(settings, sourceAdmin, targetAdmin, targetProducer, reader, metrics, log, settings.AdminTimeout);
        Restore(checkpoints);
        await new CheckpointRounds(metrics.Time, log).RunAsync(
            settings.CheckpointsInterval,
            checkpoints.EmitAsync,
            settings.SyncGroupOffsets ? settings.SyncGroupOffsetsInterval : null,
            checkpoints.SyncGroupOffsetsAsync,
            cancellation).ConfigureAwait(false);
    }

    private void Restore(CheckpointEmitter checkpoints)
    {
        using var consumer = target.Consumer(new ConsumerConfig { GroupId = "harness-replicator-checkpoints-reader", ClientId = "harness-replicator-checkpoints-reader", EnableAutoCommit = false });
        try
        {
            checkpoints.Restore(consumer, settings.AdminTimeout);
        }
        catch (KafkaException e)
        {
            log($"cannot read earlier checkpoints from {settings.CheckpointsTopic}: {e.Message}");
        }

        consumer.Close();
    }
}
