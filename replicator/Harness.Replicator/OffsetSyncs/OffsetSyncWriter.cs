using System.Collections.Concurrent;
using Confluent.Kafka;
using Harness.Mm2.Records;

namespace Harness.Replicator.OffsetSyncs;

/// <summary>
/// Offset syncs, written to partition 0 of the offset-syncs topic. A record's sync is due at once when
/// <see cref="OffsetSyncPartitionState"/> says so; otherwise the partition's latest sync waits for the next commit
/// (<see cref="Promote"/>), as MM2's OffsetSyncWriter does. Only acknowledged records are synced, so every sync is
/// a true (upstream, downstream) pair and translation from it is never ahead.
/// </summary>
internal sealed class OffsetSyncWriter(IProducer<byte[]?, byte[]?> producer, string topic, long maxOffsetLag, Action written)
{
    private readonly ConcurrentDictionary<(string Topic, int Partition), OffsetSyncPartition> _partitions = new();
    private readonly TopicPartition _destination = new(topic, 0);

    /// <summary>The state of one source partition; the task keeps the reference for its per-record path.</summary>
    public OffsetSyncPartition Partition(string sourceTopic, int partition) =>
        _partitions.GetOrAdd((sourceTopic, partition), key => new OffsetSyncPartition(this, key.Topic, key.Partition, maxOffsetLag));

    /// <summary>At a commit: every partition's latest sync becomes due and is written.</summary>
    public void Promote()
    {
        foreach (var partition in _partitions.Values)
        {
            partition.Promote();
        }
    }

    /// <summary>Writes the partition's due sync (caller holds the partition's gate, which keeps its syncs in order).</summary>
    internal void Write(OffsetSyncPartition partition)
    {
        if (partition.TakePending() is not { } due)
        {
            return;
        }

        var sync = new OffsetSync(partition.Topic, partition.Partition, due.Upstream, due.Downstream);
        try
        {
            producer.Produce(_destination, new Message<byte[]?, byte[]?> { Key = sync.SerializeKey(), Value = sync.SerializeValue() }, report =>
            {
                if (!report.Error.IsError)
                {
                    written();
                }
            });
        }
        catch (ProduceException<byte[]?, byte[]?> e) when (!e.Error.IsFatal)
        {
            // A full queue, or a partition the producer's metadata lacks for a moment while a broker of the syncs'
            // cluster restarts: the sync stays due for the next acknowledgement or commit (a newer one may replace
            // it meanwhile). A sync written late makes translation less precise, never ahead.
            partition.Requeue(due);
        }
    }
}
