using Confluent.Kafka;
using Harness.Replicator.Clients;
using Harness.Replicator.Configuration;
using Harness.Replicator.Metrics;

namespace Harness.Replicator.Checkpoints;

/// <summary>
/// Runs the checkpoint rounds (every <c>emit.checkpoints.interval.seconds</c>) and the group offset sync rounds (every
/// <c>sync.group.offsets.interval.seconds</c>) on one thread of their own. A failed round is logged and retried at the
/// next interval: checkpoints are advisory, and replication never waits for them.
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
            log);
        var checkpoints = new CheckpointEmitter(settings, sourceAdmin, targetAdmin, targetProducer, reader, metrics, log, settings.AdminTimeout);
        Restore(checkpoints);
        var nextCheckpoint = DateTime.UtcNow + settings.CheckpointsInterval;
        var nextGroupSync = DateTime.UtcNow + settings.SyncGroupOffsetsInterval;
        while (!cancellation.IsCancellationRequested)
        {
            var next = settings.SyncGroupOffsets && nextGroupSync < nextCheckpoint ? nextGroupSync : nextCheckpoint;
            try
            {
                var wait = next - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellation).ConfigureAwait(false);
                }

                if (DateTime.UtcNow >= nextCheckpoint)
                {
                    nextCheckpoint = DateTime.UtcNow + settings.CheckpointsInterval;
                    await checkpoints.EmitAsync(cancellation).ConfigureAwait(false);
                }

                if (settings.SyncGroupOffsets && DateTime.UtcNow >= nextGroupSync)
                {
                    nextGroupSync = DateTime.UtcNow + settings.SyncGroupOffsetsInterval;
                    await checkpoints.SyncGroupOffsetsAsync(cancellation).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (KafkaException e)
            {
                log($"checkpoint round failed: {e.Message}");
            }
        }
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
