using Harness.Broker.Handlers;
using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Security;
using Harness.Broker.Storage;

namespace Harness.Broker.Cluster;

/// <summary>
/// A Kafka-protocol cluster of several logical brokers inside this process, each on its own loopback listener,
/// sharing one log store. Faults (kills, hangs, latency, injected errors, leader moves) act on single brokers.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly ClusterState _state;
    private readonly object _faultLock = new();

    private EmbeddedCluster(ClusterState state) => _state = state;

    /// <summary>The cluster's name.</summary>
    public string Name => _state.Name;

    /// <summary>The cluster id reported in Metadata.</summary>
    public string ClusterId => _state.ClusterId;

    /// <summary>Comma-separated host:port of every broker, live or not (clients skip the dead ones).</summary>
    public string BootstrapServers => string.Join(',', _state.Brokers.Select(b => $"{b.Host}:{b.Port}"));

    /// <summary>The listeners' security protocol.</summary>
    public SecurityProtocol SecurityProtocol => _state.Options.Security?.Protocol ?? SecurityProtocol.Plaintext;

    /// <summary>The PEM file of the CA that signed the brokers' certificates (clients' <c>ssl.ca.location</c>); null without TLS.</summary>
    public string? CaFile => _state.Security?.Tls?.CaFile;

    /// <summary>
    /// Writes a client certificate signed by the cluster's CA, for mutual TLS, as <c>NAME.pem</c> and <c>NAME-key.pem</c>
    /// (unencrypted PKCS#8) in <paramref name="folder"/>. Its principal is the subject, e.g. <c>CN=alice</c>.
    /// </summary>
    public (string CertificateFile, string KeyFile) IssueClientCertificate(string commonName, string folder)
    {
        var tls = _state.Security?.Tls ?? throw new InvalidOperationException($"cluster '{Name}' has no TLS listeners; start it with Security.Protocol SSL or SASL_SSL");
        var (certificate, key) = tls.IssueClient($"CN={commonName}");
        Directory.CreateDirectory(folder);
        var certificateFile = Path.Combine(folder, $"{commonName}.pem");
        var keyFile = Path.Combine(folder, $"{commonName}-key.pem");
        File.WriteAllText(certificateFile, certificate);
        File.WriteAllText(keyFile, key);
        return (certificateFile, keyFile);
    }

    /// <summary>A snapshot of the brokers and their status.</summary>
    public IReadOnlyList<BrokerInfo> Brokers => _state.Brokers.Select(b => new BrokerInfo(b.Id, b.Host, b.Port, b.Status)).ToList();

    /// <summary>The requests the cluster's brokers received so far, by API name (for example "CreateTopics").</summary>
    public IReadOnlyDictionary<string, long> RequestCounts => _state.Brokers.FirstOrDefault()?.Dispatcher.RequestCounts() ?? new Dictionary<string, long>();

    /// <summary>Starts a cluster and its listeners.</summary>
    public static EmbeddedCluster Start(EmbeddedClusterOptions? options = null, TimeProvider? time = null)
    {
        options ??= new EmbeddedClusterOptions();
        options.Validate();
        var state = new ClusterState(options, time ?? TimeProvider.System);
        var dispatcher = new RequestDispatcher(HandlerCatalog.Create(security: options.Security is not null));
        var brokers = new List<BrokerNode>();
        for (var i = 1; i <= options.Brokers; i++)
        {
            brokers.Add(new BrokerNode(i, options.Host, options.BasePort == 0 ? 0 : options.BasePort + i - 1, state, dispatcher));
        }

        state.AttachBrokers(brokers);
        state.Compaction.Start();
        state.Retention.Start();
        var cluster = new EmbeddedCluster(state);
        try
        {
            foreach (var broker in brokers)
            {
                broker.Start();
            }
        }
        catch
        {
            cluster.Stop();
            throw;
        }

        return cluster;
    }

    /// <summary>Creates a topic directly (no client needed); throws when Kafka would refuse it.</summary>
    public void CreateTopic(string name, int partitions, short replicationFactor = -1, IReadOnlyDictionary<string, string>? configs = null)
    {
        var (error, message) = _state.CreateTopic(name, partitions, replicationFactor, null, configs ?? new Dictionary<string, string>(), false);
        if (error != ErrorCode.None)
        {
            throw new InvalidOperationException($"cannot create topic '{name}': {message ?? error.ToString()}");
        }
    }

    /// <summary>Deletes a topic and everything stored in it, as a DeleteTopics request would.</summary>
    public void DeleteTopic(string name)
    {
        if (_state.DeleteTopic(name) != ErrorCode.None)
        {
            throw new InvalidOperationException($"cannot delete topic '{name}': it does not exist");
        }
    }

    /// <summary>Where partitions keep their batches.</summary>
    public StorageKind Storage => _state.Options.Storage;

    /// <summary>The folder holding the cluster's log with disk storage, or null in memory.</summary>
    public string? DataDirectory => _state.Storage.Root;

    /// <summary>The high watermark (next offset) of a partition.</summary>
    public long HighWatermark(string topic, int partition) => Partition(topic, partition).Log.HighWatermark;

    /// <summary>The log start offset of a partition.</summary>
    public long LogStartOffset(string topic, int partition) => Partition(topic, partition).Log.LogStartOffset;

    /// <summary>Bytes of record batches held for all partitions.</summary>
    public long StoredBytes => _state.AllPartitions().Sum(p => p.Log.SizeBytes);

    /// <summary>Bytes of record batches held in managed memory: <see cref="StoredBytes"/> in memory, the tail caches on disk.</summary>
    public long MemoryBytes => _state.AllPartitions().Sum(p => p.Log.MemoryBytes);

    /// <summary>Names of the topics that exist.</summary>
    public IReadOnlyList<string> TopicNames => _state.Topics.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The broker that leads a partition, or -1.</summary>
    public int LeaderOf(string topic, int partition) => Partition(topic, partition).Leader;

    /// <summary>A topic's id, random per topic as in Kafka; Metadata v10+ reports it.</summary>
    public Guid TopicId(string topic) => _state.Topics.TryGetValue(topic, out var state) ? state.TopicId
        : throw new ArgumentException($"topic '{topic}' does not exist in cluster '{Name}'", nameof(topic));

    /// <summary>The last stable offset of a partition: where read_committed consumers stop while a transaction is open.</summary>
    public long LastStableOffset(string topic, int partition) => Partition(topic, partition).Log.LastStableOffset;

    /// <summary>The broker coordinating a consumer group or transactional id now (-1 when none is up); it moves when that broker dies.</summary>
    public int CoordinatorOf(string key) => _state.CoordinatorFor(key)?.Id ?? -1;

    /// <summary>Transactions the coordinator aborted because they outlived their transaction.timeout.ms.</summary>
    public long TransactionsTimedOut => _state.Transactions.TimedOut;

    /// <summary>
    /// Compacts every partition of a topic now (whatever its cleanup.policy: this is an explicit request): each
    /// partition's active segment is rolled first, as a full segment would be, so all but records younger than
    /// min.compaction.lag.ms and open transactions is eligible. Offsets stay; removed records leave gaps.
    /// </summary>
    public CompactionResult Compact(string topic) => _state.Topics.TryGetValue(topic, out var state) ? _state.Compaction.CompactTopic(state, roll: true)
        : throw new ArgumentException($"topic '{topic}' does not exist in cluster '{Name}'", nameof(topic));

    /// <summary>What the cleaner has removed so far over every topic, scheduled and on demand.</summary>
    public CompactionResult Compacted => _state.Compaction.Total;

    /// <summary>The leader epoch of a partition.</summary>
    public int LeaderEpochOf(string topic, int partition) => Partition(topic, partition).LeaderEpoch;

    /// <summary>Kills a broker: listener closed, connections reset, its partitions fail over to live replicas.</summary>
    public void KillBroker(int brokerId)
    {
        lock (_faultLock)
        {
            var broker = Broker(brokerId);
            broker.Stop();
            _state.FailOver(brokerId);
        }
    }

    /// <summary>Brings a killed broker back on the same port; leaderless partitions it replicates get it as leader.</summary>
    public void RestartBroker(int brokerId)
    {
        lock (_faultLock)
        {
            Broker(brokerId).Start();
            _state.ElectLeaderless();
        }
    }

    /// <summary>The broker keeps accepting connections and reading requests but answers nothing until <see cref="ResumeBroker"/>.</summary>
    public void HangBroker(int brokerId) => Broker(brokerId).Hang();

    /// <summary>Ends a hang; held requests are answered.</summary>
    public void ResumeBroker(int brokerId) => Broker(brokerId).Resume();

    /// <summary>Adds a delay before every response of a broker (zero removes it).</summary>
    public void SetLatency(int brokerId, TimeSpan latency) => Broker(brokerId).Latency = latency;

    /// <summary>Makes <paramref name="api"/> answer <paramref name="error"/> for its next <paramref name="count"/> requests on a broker (every broker when null).</summary>
    public void InjectErrors(ApiKey api, ErrorCode error, int count, int? brokerId = null)
    {
        foreach (var broker in brokerId is { } id ? [Broker(id)] : _state.Brokers)
        {
            broker.InjectErrors(api, error, count);
        }
    }

    /// <summary>Resets every open connection of a broker without killing it.</summary>
    public void ResetConnections(int brokerId) => Broker(brokerId).ResetConnections();

    /// <summary>
    /// The broker does the work of its next <paramref name="count"/> requests (of <paramref name="api"/> only, when given)
    /// but resets the connection instead of answering.
    /// </summary>
    public void DropResponses(int brokerId, int count, ApiKey? api = null) => Broker(brokerId).DropResponses(count, api);

    /// <summary>
    /// Requests that failed inside the broker rather than being refused by the protocol, over every broker. Each one is a
    /// broker bug (its connection was closed); tests and reports expect zero.
    /// </summary>
    public long InternalErrors => _state.Brokers.Sum(b => b.InternalErrors);

    /// <summary>Injected errors and lost responses that no request has used up yet, over every broker.</summary>
    public int PendingFaults => _state.Brokers.Sum(b => b.PendingFaults);

    /// <summary>Batches an idempotent producer sent again after they were written, acknowledged without a second write.</summary>
    public long DuplicateBatchesAbsorbed => _state.AllPartitions().Sum(p => p.Log.DuplicateBatches);

    /// <summary>Moves a partition's leadership to another live replica (the given one, or the next).</summary>
    public int MoveLeader(string topic, int partition, int? toBroker = null)
    {
        lock (_faultLock)
        {
            var state = Partition(topic, partition);
            var target = toBroker ?? state.Replicas.Where(r => r != state.Leader && _state.IsUp(r)).DefaultIfEmpty(-1).First();
            if (target == -1 || !state.Replicas.Contains(target) || !_state.IsUp(target))
            {
                throw new InvalidOperationException($"no live replica of {topic}/{partition} other than broker {state.Leader} can lead it");
            }

            state.SetLeader(target);
            return target;
        }
    }

    private BrokerNode Broker(int id) => _state.FindBroker(id) ?? throw new ArgumentOutOfRangeException(nameof(id), id, $"cluster '{Name}' has brokers 1..{_state.Brokers.Count}");

    private PartitionState Partition(string topic, int partition) =>
        _state.FindPartition(topic, partition) ?? throw new ArgumentException($"{topic}/{partition} does not exist in cluster '{Name}'");

    private void Stop()
    {
        _state.Compaction.Dispose();
        _state.Retention.Dispose();
        foreach (var broker in _state.Brokers)
        {
            broker.Stop();
        }

        _state.Security?.Dispose();
        _state.CloseStorage();
    }

    /// <summary>Stops every broker.</summary>
    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
