using Confluent.Kafka;
using Harness.Mm2.Records;

namespace Harness.Replicator.OffsetSyncs;

/// <summary>
/// One task's offset syncs, written to partition 0 of the offset-syncs topic. A record's sync is due at once
/// when <see cref="OffsetSyncPartitionState"/> says so; otherwise the partition's latest sync waits for the next
/// commit (<see cref="Promote"/>), as MM2's OffsetSyncWriter does. Only acknowledged records are synced, so
/// every sync is a true (upstream, downstream) pair and translation from it is never ahead.
/// </summary>
/// <remarks>Called from producer delivery callbacks, which may run on more than one thread: state is locked.</remarks>
internal sealed class OffsetSyncWriter(IProducer<byte[]?, byte[]?> producer, string topic, long maxOffsetLag, Action written)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Topic, int Partition), OffsetSyncPartitionState> _states = [];
    private readonly Dictionary<(string Topic, int Partition), OffsetSync> _delayed = [];
    private readonly Dictionary<(string Topic, int Partition), OffsetSync> _pending = [];
    private readonly TopicPartition _destination = new(topic, 0);

    /// <summary>The target acknowledged source record <paramref name="upstreamOffset"/> at <paramref name="downstreamOffset"/>.</summary>
    public void Acknowledged(string sourceTopic, int partition, long upstreamOffset, long downstreamOffset)
    {
        var key = (sourceTopic, partition);
        lock (_lock)
        {
            if (!_states.TryGetValue(key, out var state))
            {
                state = new OffsetSyncPartitionState(maxOffsetLag);
                _states[key] = state;
            }

            var sync = new OffsetSync(sourceTopic, partition, upstreamOffset, downstreamOffset);
            if (state.Update(upstreamOffset, downstreamOffset))
            {
                _delayed.Remove(key);
                _pending[key] = sync;
            }
            else
            {
                _delayed[key] = sync;
                return;
            }
        }

        Fire();
    }

    /// <summary>At a commit: every partition's latest sync becomes due and is written.</summary>
    public void Promote()
    {
        lock (_lock)
        {
            foreach (var (key, sync) in _delayed)
            {
                _pending[key] = sync;
            }

            _delayed.Clear();
        }

        Fire();
    }

    private void Fire()
    {
        lock (_lock)
        {
            foreach (var (key, sync) in _pending.ToList())
            {
                try
                {
                    producer.Produce(_destination, new Message<byte[]?, byte[]?> { Key = sync.SerializeKey(), Value = sync.SerializeValue() }, report =>
                    {
                        if (!report.Error.IsError)
                        {
                            written();
                        }
                    });
                    _pending.Remove(key);
                }
                catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    // Stays pending for the next acknowledgement or commit; a newer sync may replace it meanwhile.
                    return;
                }
            }
        }
    }
}
