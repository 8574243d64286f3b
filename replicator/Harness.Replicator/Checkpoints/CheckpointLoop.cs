using Confluent.Kafka;
using Harness.Mm2.Translation;
using Harness.Replicator.Clients;
using Harness.Replicator.Configuration;
using Harness.Replicator.Metrics;

namespace Harness.Replicator.Checkpoints;

/// <summary>
/// MM2's checkpoint task on a thread of its own: restores the checkpoints of an earlier run, reads the offset syncs
/// from the start of their topic, then runs the <see cref="CheckpointRounds"/>. Replication never waits for it:
/// checkpoints are advisory.
/// </summary>
/// <remarks>
/// As in MM2 3.7.1+ (KAFKA-15905 / KAFKA-16622), the earlier checkpoints decide how the syncs are loaded: read back in
/// full, they keep every checkpoint from moving backwards, so the whole sync history goes into the translator and a
/// group behind the latest sync translates at once; otherwise only each partition's latest sync survives the load,
/// as every MM2 start did before 3.7.1.
/// </remarks>
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
        var checkpoints = new CheckpointEmitter(settings, sourceAdmin, targetAdmin, targetProducer, metrics, log, settings.AdminTimeout);
        var load = Restore(checkpoints) ? InitialSyncLoad.KeepHistory : InitialSyncLoad.LatestOnly;
        using var reader = new OffsetSyncReader(
            // From the beginning when a fetch is out of range (a new leader whose log end is behind for a moment after a
            // broker kill): librdkafka's default, latest, would skip every sync in between and leave the reader short of
            // an end it then never reaches, so no checkpoint would be written again.
            syncsCluster.Consumer(new ConsumerConfig
            {
                GroupId = "harness-replicator-offset-syncs-reader",
                ClientId = "harness-replicator-offset-syncs-reader",
                EnableAutoCommit = false,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnablePartitionEof = true,
            }),
            settings.OffsetSyncsTopic,
            new OffsetTranslator(load),
            log,
            metrics.Time);
        await new CheckpointRounds(metrics.Time, log).RunAsync(
            settings.CheckpointsInterval,
            round => checkpoints.EmitAsync(reader, round),
            settings.SyncGroupOffsets ? settings.SyncGroupOffsetsInterval : null,
            checkpoints.SyncGroupOffsetsAsync,
            cancellation).ConfigureAwait(false);
    }

    /// <summary>True when the earlier checkpoints were read to the end of their topic.</summary>
    private bool Restore(CheckpointEmitter checkpoints)
    {
        using var consumer = target.Consumer(new ConsumerConfig { GroupId = "harness-replicator-checkpoints-reader", ClientId = "harness-replicator-checkpoints-reader", EnableAutoCommit = false });
        var complete = false;
        try
        {
            complete = checkpoints.Restore(consumer, settings.AdminTimeout);
            if (!complete)
            {
                log($"earlier checkpoints in {settings.CheckpointsTopic} were not read to the end within {settings.AdminTimeout.TotalSeconds:0} s; offset syncs load keeping only the latest");
            }
        }
        catch (KafkaException e)
        {
            log($"cannot read earlier checkpoints from {settings.CheckpointsTopic}: {e.Message}; offset syncs load keeping only the latest");
        }

        consumer.Close();
        return complete;
    }
}
