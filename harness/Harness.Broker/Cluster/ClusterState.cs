using System.Collections.Concurrent;
using Harness.Broker.Groups;
using Harness.Broker.Protocol;
using Harness.Broker.Security;
using Harness.Broker.Storage;
using Harness.Broker.Transactions;

namespace Harness.Broker.Cluster;

/// <summary>
/// The state shared by the brokers of one cluster: topics and their logs, leadership, consumer groups, transactions
/// and producer ids. Leadership changes only here, so every broker sees one consistent view.
/// </summary>
internal sealed class ClusterState
{
    private readonly object _topicLock = new();
    private readonly Lock _controllerLock = new();
    private int _controllerId = -1;
    private long _nextProducerId = 1000;

    public ClusterState(EmbeddedClusterOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        Groups = new GroupCoordinator(this);
        Transactions = new TransactionCoordinator(this);
        Compaction = new CompactionScheduler(this);
        Retention = new RetentionScheduler(this);
        Security = options.Security is { } security ? new ClusterSecurity(security, options.Name, options.Host, time) : null;
        Storage = new LogStorage(options);
    }

    /// <summary>Listener security and users; null on an unsecured cluster.</summary>
    public ClusterSecurity? Security { get; }

    public EmbeddedClusterOptions Options { get; }

    public string Name => Options.Name;

    public string ClusterId { get; } = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public TimeProvider Time { get; }

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public IReadOnlyList<BrokerNode> Brokers { get; private set; } = [];

    public ConcurrentDictionary<string, TopicState> Topics { get; } = new(StringComparer.Ordinal);

    public GroupCoordinator Groups { get; }

    public TransactionCoordinator Transactions { get; }

    public CompactionScheduler Compaction { get; }

    public RetentionScheduler Retention { get; }

    /// <summary>Makes the partitions' logs (memory or disk) and owns the data folder.</summary>
    public LogStorage Storage { get; }

    /// <summary>
    /// The controller, or -1 when all brokers are down. Like Kafka's, it keeps the role until it dies and then the
    /// lowest-numbered live broker takes over; it never moves back on a restart, because clients (librdkafka)
    /// cache the controller and do not retry a NOT_CONTROLLER answer.
    /// </summary>
    public int ControllerId
    {
        get
        {
            lock (_controllerLock)
            {
                if (_controllerId == -1 || !IsUp(_controllerId))
                {
                    _controllerId = Brokers.Where(b => b.IsUp).Select(b => b.Id).DefaultIfEmpty(-1).Min();
                }

                return _controllerId;
            }
        }
    }

    public void AttachBrokers(IReadOnlyList<BrokerNode> brokers) => Brokers = brokers;

    public BrokerNode? FindBroker(int id) => Brokers.FirstOrDefault(b => b.Id == id);

    public bool IsUp(int brokerId) => FindBroker(brokerId)?.IsUp == true;

    public long NextProducerId() => Interlocked.Increment(ref _nextProducerId);

    /// <summary>
    /// The broker coordinating a group: a stable hash of the key over the live brokers, so it moves only when
    /// its broker dies, as the coordinator of a __consumer_offsets partition would.
    /// </summary>
    public BrokerNode? CoordinatorFor(string key)
    {
        var live = Brokers.Where(b => b.IsUp).ToList();
        if (live.Count == 0)
        {
            return null;
        }

        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var preferred = Brokers[(int)(hash % (uint)Brokers.Count)];
        return preferred.IsUp ? preferred : live[(int)(hash % (uint)live.Count)];
    }

    /// <summary>Validates and creates a topic; returns the error and a message for the CreateTopics response.</summary>
    public (ErrorCode Error, string? Message) CreateTopic(string name, int partitions, short replicationFactor,
        IReadOnlyDictionary<int, int[]>? assignments, IReadOnlyDictionary<string, string> configs, bool validateOnly)
    {
        var nameError = TopicNames.Validate(name);
        if (nameError is not null)
        {
            return (ErrorCode.InvalidTopicException, nameError);
        }

        if (assignments is { Count: > 0 })
        {
            partitions = assignments.Count;
            replicationFactor = (short)assignments.Values.First().Length;
        }

        if (partitions == -1)
        {
            partitions = Options.DefaultPartitions;
        }

        if (replicationFactor == -1)
        {
            replicationFactor = (short)Math.Min(Options.DefaultReplicationFactor, Brokers.Count);
        }

        if (partitions <= 0)
        {
            return (ErrorCode.InvalidPartitions, $"number of partitions must be larger than 0, got {partitions}");
        }

        if (replicationFactor <= 0 || replicationFactor > Brokers.Count)
        {
            return (ErrorCode.InvalidReplicationFactor, $"replication factor {replicationFactor} must be between 1 and the {Brokers.Count} brokers");
        }

        var configError = TopicConfigDefinitions.Validate(configs);
        if (configError is not null)
        {
            return (ErrorCode.InvalidConfig, configError);
        }

        lock (_topicLock)
        {
            if (Topics.ContainsKey(name))
            {
                return (ErrorCode.TopicAlreadyExists, $"topic '{name}' already exists");
            }

            if (validateOnly)
            {
                return (ErrorCode.None, null);
            }

            var states = new PartitionState[partitions];
            for (var p = 0; p < partitions; p++)
            {
                var replicas = assignments is { Count: > 0 } ? assignments[p] : AssignReplicas(p, replicationFactor);
                states[p] = new PartitionState(name, p, replicas, replicas.FirstOrDefault(IsUp, -1), Storage.CreateLog(name, p));
            }

            Topics[name] = new TopicState(name, states, configs);
            return (ErrorCode.None, null);
        }
    }

    /// <summary>Grows a topic to <paramref name="newTotal"/> partitions, placed as <paramref name="assignments"/> says (one replica list per new partition) or round-robin.</summary>
    public (ErrorCode Error, string? Message) AddPartitions(string name, int newTotal, bool validateOnly, IReadOnlyList<int[]>? assignments = null)
    {
        lock (_topicLock)
        {
            if (!Topics.TryGetValue(name, out var topic))
            {
                return (ErrorCode.UnknownTopicOrPartition, $"topic '{name}' does not exist");
            }

            var current = topic.Partitions.Length;
            if (newTotal <= current)
            {
                return (ErrorCode.InvalidPartitions, $"topic '{name}' has {current} partitions; the new count {newTotal} must be larger");
            }

            if (validateOnly)
            {
                return (ErrorCode.None, null);
            }

            var rf = topic.Partitions[0].Replicas.Length;
            var added = new PartitionState[newTotal - current];
            for (var p = current; p < newTotal; p++)
            {
                var replicas = assignments?[p - current] ?? AssignReplicas(p, rf);
                added[p - current] = new PartitionState(name, p, replicas, replicas.FirstOrDefault(IsUp, -1), Storage.CreateLog(name, p));
            }

            topic.AddPartitions(added);
            return (ErrorCode.None, null);
        }
    }

    public ErrorCode DeleteTopic(string name)
    {
        lock (_topicLock)
        {
            if (!Topics.TryRemove(name, out var topic))
            {
                return ErrorCode.UnknownTopicOrPartition;
            }

            foreach (var partition in topic.Partitions)
            {
                partition.Log.Delete();
            }

            return ErrorCode.None;
        }
    }

    public PartitionState? FindPartition(string topic, int partition) =>
        Topics.TryGetValue(topic, out var state) && partition >= 0 && partition < state.Partitions.Length ? state.Partitions[partition] : null;

    private int[] AssignReplicas(int partition, int replicationFactor)
    {
        var ids = Brokers.Select(b => b.Id).ToArray();
        var replicas = new int[replicationFactor];
        for (var i = 0; i < replicationFactor; i++)
        {
            replicas[i] = ids[(partition + i) % ids.Length];
        }

        return replicas;
    }

    /// <summary>Moves leadership of every partition led by <paramref name="brokerId"/> to a live replica.</summary>
    public void FailOver(int brokerId)
    {
        Transactions.CoordinatorMoved();
        foreach (var partition in AllPartitions())
        {
            if (partition.Leader == brokerId)
            {
                partition.SetLeader(partition.Replicas.FirstOrDefault(r => r != brokerId && IsUp(r), -1));
            }
        }
    }

    /// <summary>Gives leaderless partitions back a leader once one of their replicas is up again.</summary>
    public void ElectLeaderless()
    {
        foreach (var partition in AllPartitions())
        {
            if (partition.Leader == -1)
            {
                partition.SetLeader(partition.Replicas.FirstOrDefault(IsUp, -1));
            }
        }
    }

    /// <summary>Closes every partition's log and removes the data folder unless it is kept.</summary>
    public void CloseStorage()
    {
        lock (_topicLock)
        {
            foreach (var partition in AllPartitions())
            {
                partition.Log.Dispose();
            }

            Storage.Dispose();
        }
    }

    public IEnumerable<PartitionState> AllPartitions() => Topics.Values.SelectMany(t => t.Partitions);

    /// <summary>Replicas of a partition that are in sync: with one shared log, every live replica is.</summary>
    public int[] InSyncReplicas(PartitionState partition) => partition.Replicas.Where(IsUp).ToArray();
}
