using System.Collections.Concurrent;
using Confluent.Kafka;
using Harness.Engine.Clients;
using Harness.Engine.Load;

namespace Harness.Engine.Verification;

/// <summary>
/// Reads the remote topics while the run goes (so retention on the target cannot hide a record, and
/// produce-to-target latency is measured), then finishes at the target's end offsets after the drain.
/// Every record is classified against its stream; memory grows with partitions, stream switches and
/// anomalies, never with the number of records.
/// </summary>
public sealed class StreamingVerifier : IDisposable
{
    private const int MaxExamplesPerClass = 10;
    private readonly IReadOnlyList<VerifiedTopic> _topics;
    private readonly Dictionary<string, int> _topicIndex;
    private readonly Ledger _ledger;
    private readonly ulong _runId;
    private readonly string _targetBootstrap;
    private readonly LatencyRecorder _latency;
    private readonly Dictionary<LedgerKey, StreamTracker> _streams = [];
    private readonly Dictionary<(string Topic, int Partition), TargetPartitionMap> _maps = [];
    private readonly Dictionary<(string Topic, int Partition), PartitionParity> _parities = [];
    private readonly List<AnomalyExample> _examples = [];
    private readonly Dictionary<AnomalyClass, int> _exampleCounts = [];
    private readonly ConcurrentDictionary<(string Topic, int Partition), long> _positions = new();
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private volatile IReadOnlyDictionary<(string Topic, int Partition), long>? _ends;
    private volatile bool _stopping;
    private volatile bool _live = true;
    private volatile string? _failure;
    private long _recordsRead;
    private readonly System.Diagnostics.Stopwatch _clock;
    private readonly List<double> _duplicateTimes = [];
    private long _newestStampMs;

    /// <summary>Creates a verifier of <paramref name="topics"/> (list index = the stamp's topic index).</summary>
    public StreamingVerifier(IReadOnlyList<VerifiedTopic> topics, Ledger ledger, ulong runId, string targetBootstrap, LatencyRecorder latency, System.Diagnostics.Stopwatch? clock = null)
    {
        _clock = clock ?? System.Diagnostics.Stopwatch.StartNew();
        _topics = topics;
        _topicIndex = topics.Select((t, i) => (t.Target, i)).ToDictionary(p => p.Target, p => p.i, StringComparer.Ordinal);
        _ledger = ledger;
        _runId = runId;
        _targetBootstrap = targetBootstrap;
        _latency = latency;
        foreach (var topic in topics)
        {
            for (var p = 0; p < topic.Partitions; p++)
            {
                _parities[(topic.Source, p)] = new PartitionParity(topic.Source, topic.Target, p);
            }
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "harness-verifier" };
    }

    /// <summary>Produce time (Unix ms) of the newest record read on the target, 0 before the first.</summary>
    public long NewestReplicatedTimestampMs => Interlocked.Read(ref _newestStampMs);

    /// <summary>Records read from the target so far.</summary>
    public long RecordsRead => Interlocked.Read(ref _recordsRead);

    /// <summary>When (seconds on the run clock) each duplicate was read: lets faults be charged with the duplicates they caused.</summary>
    public IReadOnlyList<double> DuplicateTimes
    {
        get
        {
            lock (_duplicateTimes)
            {
                return _duplicateTimes.ToArray();
            }
        }
    }

    /// <summary>Starts reading the target in the background.</summary>
    public void Start() => _thread.Start();

    /// <summary>
    /// Reads on until every remote partition reaches <paramref name="ends"/> (the target's high watermarks
    /// after the drain), then classifies what was never seen. Returns null for partitions not fully read.
    /// </summary>
    public async Task<VerificationOutcome> FinishAsync(IReadOnlyDictionary<(string Topic, int Partition), long> ends, TimeSpan timeout, CancellationToken cancellation)
    {
        _live = false;
        _ends = ends;
        var complete = true;
        try
        {
            await _caughtUp.Task.WaitAsync(timeout, cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            complete = false;
        }

        _stopping = true;
        await Task.Run(_thread.Join, CancellationToken.None).ConfigureAwait(false);
        if (_failure is not null)
        {
            throw new InvalidOperationException($"the verifier could not read the target: {_failure}");
        }

        var unread = ends.Where(e => _positions.GetValueOrDefault(e.Key) < e.Value)
            .Select(e => $"{e.Key.Topic}/{e.Key.Partition} at {_positions.GetValueOrDefault(e.Key)} of {e.Value}").ToList();
        return new VerificationOutcome(Conclude(), complete && unread.Count == 0, unread,
            new TranslationMaps(_maps.ToDictionary(m => m.Key, m => m.Value), _ledger));
    }

    private void Run()
    {
        try
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _targetBootstrap, ClientId = "harness-verifier-admin" }).SetLogHandler(ClientLog.Write).SetErrorHandler(ClientLog.Error).Build();
            using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
            {
                BootstrapServers = _targetBootstrap,
                GroupId = $"harness-verifier-{_runId:x}",
                ClientId = "harness-verifier",
                EnableAutoCommit = false,
                EnablePartitionEof = true,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                FetchWaitMaxMs = 100,
                QueuedMaxMessagesKbytes = 32 * 1024,
            }).SetLogHandler(ClientLog.Write).SetErrorHandler(ClientLog.Error).Build();
            var unassigned = _topics.ToList();
            var nextDiscovery = DateTime.MinValue;
            while (!_stopping)
            {
                if (unassigned.Count > 0 && DateTime.UtcNow >= nextDiscovery)
                {
                    unassigned = Assign(admin, consumer, unassigned);
                    nextDiscovery = DateTime.UtcNow.AddMilliseconds(500);
                }

                var result = consumer.Consume(100);
                if (result is not null)
                {
                    var key = (result.Topic, result.Partition.Value);
                    if (result.IsPartitionEOF)
                    {
                        _positions[key] = result.Offset.Value;
                    }
                    else
                    {
                        Interlocked.Increment(ref _recordsRead);
                        var index = _topicIndex[result.Topic];
                        Classify(index, _topics[index], result.Partition.Value, result);
                        _positions[key] = result.Offset.Value + 1;
                    }
                }

                if (_ends is { } ends && ends.All(e => _positions.GetValueOrDefault(e.Key) >= e.Value))
                {
                    _caughtUp.TrySetResult();
                }
            }
        }
        catch (KafkaException e)
        {
            _failure = e.Error.Reason;
            _caughtUp.TrySetResult();
        }
    }

    private static List<VerifiedTopic> Assign(IAdminClient admin, IConsumer<byte[]?, byte[]?> consumer, List<VerifiedTopic> unassigned)
    {
        var still = new List<VerifiedTopic>();
        foreach (var topic in unassigned)
        {
            TopicMetadata? metadata;
            try
            {
                metadata = admin.GetMetadata(topic.Target, TimeSpan.FromSeconds(5)).Topics.FirstOrDefault();
            }
            catch (KafkaException)
            {
                metadata = null;
            }

            if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
            {
                still.Add(topic);
                continue;
            }

            // The remote topic exists: read all its partitions from the start, even extra ones it should not have.
            var count = Math.Max(topic.Partitions, metadata.Partitions.Count);
            consumer.IncrementalAssign(Enumerable.Range(0, count).Select(p => new TopicPartitionOffset(topic.Target, p, Offset.Beginning)));
        }

        return still;
    }

    private void Classify(int topicIndex, VerifiedTopic topic, int partition, ConsumeResult<byte[]?, byte[]?> record)
    {
        var here = partition < topic.Partitions ? _parities[(topic.Source, partition)] : _parities[(topic.Source, 0)];
        var offset = record.Offset.Value;
        if (record.Message.Headers is null || !record.Message.Headers.TryGetLastBytes(RecordStamp.HeaderKey, out var bytes))
        {
            here.Unexpected++;
            Example(AnomalyClass.Unexpected, null, -1, topic.Target, partition, offset, "record has no harness stamp");
            return;
        }

        var status = RecordStamp.TryDecode(bytes, out var stamp);
        if (status == StampStatus.Unreadable || stamp.RunId != _runId || stamp.TopicIndex >= _topics.Count
            || stamp.Partition < 0 || stamp.Partition >= _topics[stamp.TopicIndex].Partitions)
        {
            if (status == StampStatus.Valid)
            {
                here.Unexpected++;
                Example(AnomalyClass.Unexpected, null, -1, topic.Target, partition, offset,
                    stamp.RunId != _runId ? $"stamp of another run ({stamp.RunId:x})" : "stamp names no source partition of this run");
            }
            else
            {
                here.Corrupted++;
                Example(AnomalyClass.Corrupted, null, -1, topic.Target, partition, offset, "stamp header is damaged beyond attribution");
            }

            return;
        }

        var key = new LedgerKey(_topics[stamp.TopicIndex].Source, stamp.Partition, stamp.ProducerId);
        var stream = Stream(key);
        var home = _parities[(key.Topic, key.Partition)];
        if (stamp.TopicIndex != topicIndex || stamp.Partition != partition)
        {
            home.Misrouted++;
            stream.SeenElsewhere(stamp.Sequence);
            Example(AnomalyClass.Misrouted, key, stamp.Sequence, topic.Target, partition, offset,
                $"expected in {_topics[stamp.TopicIndex].Target}/{stamp.Partition}");
            return;
        }

        var corruption = status == StampStatus.Damaged ? "stamp header bytes changed"
            : RecordStamp.HashContent(record.Message.Key, record.Message.Value) != stamp.ContentHash ? "key or value differs from what was produced"
            : record.Message.Timestamp.UnixTimestampMs != stamp.TimestampMs ? $"timestamp {record.Message.Timestamp.UnixTimestampMs} differs from the produced {stamp.TimestampMs}"
            : null;
        if (corruption is not null)
        {
            home.Corrupted++;
            stream.SeenElsewhere(stamp.Sequence);
            Example(AnomalyClass.Corrupted, key, stamp.Sequence, topic.Target, partition, offset, corruption);
            return;
        }

        Map(topic.Target, partition).Add(offset, key, stamp.Sequence);
        if (stamp.TimestampMs > Interlocked.Read(ref _newestStampMs))
        {
            Interlocked.Exchange(ref _newestStampMs, stamp.TimestampMs);
        }

        var anomaly = stream.Observe(stamp.Sequence);
        if (anomaly == AnomalyClass.Duplicated)
        {
            lock (_duplicateTimes)
            {
                _duplicateTimes.Add(_clock.Elapsed.TotalSeconds);
            }
        }

        if (anomaly is { } found)
        {
            Example(found, key, stamp.Sequence, topic.Target, partition, offset, found == AnomalyClass.Duplicated ? "already seen on the target" : "arrived after a later sequence");
        }
        else if (_live)
        {
            _latency.Record(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - stamp.TimestampMs);
        }
    }

    private VerificationResult Conclude()
    {
        foreach (var (key, ledger) in _ledger.Entries)
        {
            var tracker = Stream(key);
            var parity = _parities[(key.Topic, key.Partition)];
            parity.Produced += ledger.Count;
            parity.Duplicated += tracker.Duplicated;
            parity.Reordered += tracker.Reordered;
            var unacknowledged = tracker.Unacknowledged(ledger);
            parity.Unacknowledged += unacknowledged;
            parity.Replicated += tracker.FirstCopies - unacknowledged;
            foreach (var sequence in tracker.LostSequences(ledger))
            {
                parity.Lost++;
                Example(AnomalyClass.Lost, key, sequence, parity.TargetTopic, key.Partition, -1, "acknowledged by the source, not found on the target");
            }
        }

        return new VerificationResult(_parities.Values.OrderBy(p => p.SourceTopic, StringComparer.Ordinal).ThenBy(p => p.Partition).ToList(), _examples);
    }

    private StreamTracker Stream(LedgerKey key)
    {
        if (!_streams.TryGetValue(key, out var tracker))
        {
            tracker = new StreamTracker(key);
            _streams[key] = tracker;
        }

        return tracker;
    }

    private TargetPartitionMap Map(string topic, int partition)
    {
        if (!_maps.TryGetValue((topic, partition), out var map))
        {
            map = new TargetPartitionMap();
            _maps[(topic, partition)] = map;
        }

        return map;
    }

    private void Example(AnomalyClass anomaly, LedgerKey? key, long sequence, string targetTopic, int targetPartition, long targetOffset, string detail)
    {
        var count = _exampleCounts.GetValueOrDefault(anomaly);
        if (count >= MaxExamplesPerClass)
        {
            return;
        }

        _exampleCounts[anomaly] = count + 1;
        var sourceOffset = key is { } k && sequence >= 0 ? _ledger.Find(k.Topic, k.Partition, k.ProducerId)?.OffsetOf(sequence) ?? -1 : -1;
        _examples.Add(new AnomalyExample(anomaly, key?.Topic ?? "", key?.Partition ?? -1, key?.ProducerId ?? -1, sequence, sourceOffset, targetTopic, targetPartition, targetOffset, detail));
    }

    /// <summary>Stops the reader if it still runs.</summary>
    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(10));
        }
    }
}
