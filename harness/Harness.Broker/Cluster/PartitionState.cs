using Harness.Broker.Storage;

namespace Harness.Broker.Cluster;

/// <summary>One partition: its shared log, its replica set and its current leader and epoch.</summary>
internal sealed class PartitionState
{
    private readonly object _lock = new();

    public PartitionState(string topic, int index, int[] replicas, int leader, PartitionLog log)
    {
        Log = log;
        Topic = topic;
        Index = index;
        Replicas = replicas;
        Leader = leader;
    }

    public string Topic { get; }

    public int Index { get; }

    public PartitionLog Log { get; }

    public int[] Replicas { get; }

    /// <summary>The leading broker, or -1 when no replica is up.</summary>
    public int Leader { get; private set; }

    public int LeaderEpoch { get; private set; }

    public (int Leader, int Epoch) Snapshot()
    {
        lock (_lock)
        {
            return (Leader, LeaderEpoch);
        }
    }

    /// <summary>Moves leadership to <paramref name="broker"/> (or none with -1), bumping the epoch as Kafka does.</summary>
    public void SetLeader(int broker)
    {
        lock (_lock)
        {
            if (broker == Leader)
            {
                return;
            }

            Leader = broker;
            LeaderEpoch++;
        }
    }
}
