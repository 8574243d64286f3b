using System.Globalization;
using Confluent.Kafka;
using Harness.Engine.Clients;
using Harness.Engine.Load;
using Harness.Engine.Load.Model;
using Harness.Engine.Runs;
using Harness.RdKafka;

namespace Harness.Engine.Verification;

/// <summary>
/// Reads the remote topics while the run goes (so retention on the target cannot hide a record, and
/// produce-to-target latency is measured), then finishes at the target's end offsets after the drain.
/// Every record is classified against its stream; memory grows with partitions, stream switches and
/// anomalies, never with the number of records. Records are read with librdkafka's C API in batches, in place in
/// librdkafka's memory: the verifier has to keep up with a plain librdkafka reader such as kcat, and Confluent.Kafka's
/// consumer copies key, value and every header into new arrays for each record.
/// </summary>
public sealed class StreamingVerifier : IDisposable
{
    private const int MaxExamplesPerClass = 10;

    /// <summary>Records taken from librdkafka's queue at once: enough to amortise the call, few enough to stay in cache.</summary>
    private const int BatchSize = 512;

    private readonly VerifiedTopic[] _topics;
    private readonly Dictionary<string, int> _topicIndex;
    private readonly Ledger _ledger;
    private readonly ulong _runId;
    private readonly KafkaEndpoint _targetBootstrap;
    private readonly LatencyRecorder _latency;
    private readonly RecordClassifier _classifier;
    private readonly Dictionary<(string Topic, int Partition), TargetPartitionMap> _maps = [];
    private readonly Dictionary<(string Topic, int Partition), PartitionParity> _parities = [];
    private readonly List<AnomalyExample> _examples = [];
    private readonly Dictionary<AnomalyClass, int> _exampleCounts = [];
    private readonly List<TargetCursor>[] _cursors;

    /// <summary>The per-key view of each partition of a compacted topic ([topic index][partition]); null for other topics.</summary>
    private readonly CompactedPartition?[][] _compacted;

    /// <summary>Per target topic of a compacted topic, the source's latest record of every key, once concluded.</summary>
    private readonly Dictionary<string, HashSet<(LedgerKey Stream, long Sequence)>> _latestOfKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<nint, int> _topicHandles = [];
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private volatile IReadOnlyDictionary<(string Topic, int Partition), long>? _ends;
    private volatile bool _stopping;
    private volatile bool _live = true;
    private volatile string? _failure;
    private long _recordsRead;
    private readonly RunClock _clock;
    private readonly DuplicateTimeline _duplicateTimes = new();
    private long _newestStampMs;
    private nint _lastTopicHandle;
    private int _lastTopicIndex;

    /// <summary>Creates a verifier of <paramref name="topics"/> (list index = the stamp's topic index).</summary>
    public StreamingVerifier(IReadOnlyList<VerifiedTopic> topics, Ledger ledger, ulong runId, KafkaEndpoint targetBootstrap, LatencyRecorder latency, RunClock? clock = null)
    {
        _clock = clock ?? new RunClock(TimeProvider.System);
        _topics = [.. topics];
        _topicIndex = topics.Select((t, i) => (t.Target, i)).ToDictionary(p => p.Target, p => p.i, StringComparer.Ordinal);
        _ledger = ledger;
        _runId = runId;
        _targetBootstrap = targetBootstrap;
        _latency = latency;
        _classifier = new RecordClassifier(_topics, runId);
        foreach (var topic in topics)
        {
            for (var p = 0; p < topic.Partitions; p++)
            {
                _parities[(topic.Source, p)] = new PartitionParity(topic.Source, topic.Target, p);
            }
        }

        _cursors = topics.Select((t, i) => Enumerable.Range(0, t.Partitions).Select(p => new TargetCursor(i, p, _parities[(t.Source, p)])).ToList()).ToArray();
        _compacted = [.. topics.Select(t => t.Compacted ? Enumerable.Range(0, t.Partitions).Select(_ => new CompactedPartition(SourceOffsetOf)).ToArray() : new CompactedPartition?[t.Partitions])];

        _thread = new Thread(Run) { IsBackground = true, Name = "harness-verifier" };
    }

    /// <summary>Produce time (Unix ms) of the newest record read on the target, 0 before the first.</summary>
    public long NewestReplicatedTimestampMs => Interlocked.Read(ref _newestStampMs);

    /// <summary>Records read from the target so far.</summary>
    public long RecordsRead => Interlocked.Read(ref _recordsRead);

    /// <summary>
    /// When (seconds on the run clock, to 10 ms) each duplicate was read: lets faults be charged with the duplicates they caused.
    /// </summary>
    public IReadOnlyList<double> DuplicateTimes
    {
        get
        {
            lock (_duplicateTimes)
            {
                return _duplicateTimes.Snapshot();
            }
        }
    }

    /// <summary>
    /// For every partition of a compacted topic, one past the highest source offset copied to the target so far: its
    /// end in source offsets, which a dense copy of a source with compaction gaps never reaches with its own offsets.
    /// Safe to call while the verifier reads.
    /// </summary>
    public IReadOnlyDictionary<(string Topic, int Partition), long> CopiedSourceEnds()
    {
        var ends = new Dictionary<(string Topic, int Partition), long>();
        for (var t = 0; t < _topics.Length; t++)
        {
            for (var p = 0; p < _compacted[t].Length; p++)
            {
                if (_compacted[t][p] is { } partition)
                {
                    ends[(_topics[t].Source, p)] = partition.CopiedEnd();
                }
            }
        }

        return ends;
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
            // The run ends as an environment failure with this one line (exit 3), never as a crash.
            throw new HarnessException($"the verifier could not read the target: {_failure}; check the target cluster and the client settings it names");
        }

        long Position((string Topic, int Partition) key) => CursorOf(key.Topic, key.Partition, create: false)?.Position ?? 0;
        var unread = ends.Where(e => Position(e.Key) < e.Value)
            .Select(e => $"{e.Key.Topic}/{e.Key.Partition} at {Position(e.Key)} of {e.Value}").ToList();
        return new VerificationOutcome(Conclude(), complete && unread.Count == 0, unread,
            new TranslationMaps(_maps.ToDictionary(m => m.Key, m => m.Value), _ledger,
                _latestOfKeys.ToDictionary(l => l.Key, l => (IReadOnlySet<(LedgerKey, long)>)l.Value, StringComparer.Ordinal)));
    }

    private void Run()
    {
        try
        {
            using var admin = new AdminClientBuilder(_targetBootstrap.Admin("harness-verifier-admin")).SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build();
            using var consumer = new NativeConsumer(_targetBootstrap.With(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["group.id"] = string.Create(CultureInfo.InvariantCulture, $"harness-verifier-{_runId:x}"),
                ["client.id"] = "harness-verifier",
                ["enable.partition.eof"] = "true",
                ["auto.offset.reset"] = "earliest",

                // librdkafka's default, stated because the aborted-copied check depends on it: a transactional
                // replicator's aborted records must stay invisible here, as they are to any committed reader.
                ["isolation.level"] = "read_committed",
                ["fetch.wait.max.ms"] = "100",
                ["queued.max.messages.kbytes"] = (32 * 1024).ToString(CultureInfo.InvariantCulture),

                // When its local queue is full librdkafka stops fetching for a whole second by default: a reader
                // that empties the queue faster would then wait on the next fetch (docs/benchmarks.md, broker).
                ["fetch.queue.backoff.ms"] = "10",

                // librdkafka logs to stderr, where a broker kill's expected connection errors would drown the
                // progress display; an error that matters comes back as a consumed record with an error.
                ["log_level"] = "2",
            }));
            var unassigned = _topics.ToList();
            var nextDiscovery = TimeSpan.MinValue;
            var batch = new nint[BatchSize];
            (TargetCursor? Cursor, long End)[]? targets = null;
            while (!_stopping && _failure is null)
            {
                if (unassigned.Count > 0 && _clock.Elapsed >= nextDiscovery)
                {
                    unassigned = Assign(admin, consumer, unassigned);
                    nextDiscovery = _clock.Elapsed + TimeSpan.FromMilliseconds(500);
                }

                // librdkafka's batch call waits until the whole batch is filled or the timeout passes: wait for one
                // record only, then take what else is queued, so a record's latency is not measured up to 100 ms late.
                var count = consumer.Consume(100, batch.AsSpan(0, 1));
                if (count > 0)
                {
                    count += consumer.Consume(0, batch.AsSpan(1));
                }

                ReadBatch(batch.AsSpan(0, count));
                if (_ends is { } ends)
                {
                    targets ??= ends.Select(e => (CursorOf(e.Key.Topic, e.Key.Partition, create: true), e.Value)).ToArray();
                    if (CaughtUp(targets))
                    {
                        _caughtUp.TrySetResult();
                    }
                }
            }
        }
        catch (Exception e) when (e is KafkaException or ArgumentException or InvalidOperationException)
        {
            _failure = e is KafkaException kafka ? kafka.Error.Reason : e.Message;
        }
        finally
        {
            _caughtUp.TrySetResult();
        }
    }

    /// <summary>Classifies a batch of records straight from librdkafka's memory and gives each back.</summary>
    private unsafe void ReadBatch(ReadOnlySpan<nint> batch)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        var now = _live ? _clock.UtcNow.ToUnixTimeMilliseconds() : 0;
        var records = 0;
        var newest = Interlocked.Read(ref _newestStampMs);
        try
        {
            foreach (var pointer in batch)
            {
                var message = (RdKafkaMessage*)pointer;
                if (message->Error != 0)
                {
                    Fail(message);
                    continue;
                }

                var cursor = CursorOf(message);
                records++;
                Classify(cursor, message, now, ref newest);
                cursor.Position = message->Offset + 1;
            }
        }
        finally
        {
            foreach (var pointer in batch)
            {
                NativeConsumer.Release(pointer);
            }

            Interlocked.Add(ref _recordsRead, records);
            if (newest > Interlocked.Read(ref _newestStampMs))
            {
                Interlocked.Exchange(ref _newestStampMs, newest);
            }
        }
    }

    /// <summary>
    /// An end-of-partition marker moves the position to the end; an error of a partition (the topic vanished, say) ends
    /// the reading, as it did when Confluent.Kafka's consumer threw it; an error of no partition (a broker down) is
    /// librdkafka's to retry.
    /// </summary>
    private unsafe void Fail(RdKafkaMessage* message)
    {
        if (message->Topic == 0)
        {
            return;
        }

        var cursor = CursorOf(message);
        if (message->Error == LibRdKafka.PartitionEof)
        {
            cursor.Position = message->Offset;
            return;
        }

        _failure ??= string.Create(CultureInfo.InvariantCulture,
            $"{_topics[cursor.TopicIndex].Target}/{cursor.Partition}: {LibRdKafka.Text(LibRdKafka.ErrorToString(message->Error))}");
    }

    private static bool CaughtUp((TargetCursor? Cursor, long End)[] targets)
    {
        foreach (var (cursor, end) in targets)
        {
            if ((cursor?.Position ?? 0) < end)
            {
                return false;
            }
        }

        return true;
    }

    private static List<VerifiedTopic> Assign(IAdminClient admin, NativeConsumer consumer, List<VerifiedTopic> unassigned)
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
            consumer.Assign(Enumerable.Range(0, count).Select(p => (topic.Target, p, LibRdKafka.OffsetBeginning)));
        }

        return still;
    }

    /// <summary>Hands the record's parts to the rules, then books the verdict: parity, offset map, latency, examples.</summary>
    private unsafe void Classify(TargetCursor here, RdKafkaMessage* record, long now, ref long newest)
    {
        var hasStamp = NativeRecord.TryFindStamp(record, out var stamp, out var hashedValue);
        var verdict = _classifier.Classify(new ConsumedRecord(here.TopicIndex, here.Partition, hasStamp, stamp,
            NativeRecord.Key(record), hashedValue, hasStamp ? NativeConsumer.Timestamp(record) : 0));
        var offset = record->Offset;
        if (verdict.Stream is not { } stream)
        {
            if (verdict.Anomaly == AnomalyClass.Corrupted)
            {
                here.Parity.Corrupted++;
            }
            else
            {
                here.Parity.Unexpected++;
            }

            Example(verdict, null, here, offset);
            return;
        }

        if (verdict.Fault != RecordFault.None)
        {
            // Charged to the partition the stamp names: that is where the record is missing from.
            var home = _cursors[verdict.Stamp.TopicIndex][verdict.Stamp.Partition].Parity;
            if (verdict.Fault == RecordFault.Misrouted)
            {
                home.Misrouted++;
            }
            else
            {
                home.Corrupted++;
            }

            Example(verdict, stream.Key, here, offset);
            return;
        }

        (here.Map ??= Map(_topics[here.TopicIndex].Target, here.Partition)).Add(offset, stream.Key, verdict.Stamp.Sequence);
        if (_compacted[here.TopicIndex][here.Partition] is { } keys && CompactedPartition.TryParseKey(NativeRecord.Key(record), out var keyIndex)
            && keys.Observe(keyIndex, stream.Key, verdict.Stamp.Sequence, record->Payload == 0, offset, verdict.Anomaly != AnomalyClass.Duplicated))
        {
            here.Parity.KeysReordered++;
            Example(AnomalyClass.KeyReordered, stream.Key, verdict.Stamp.Sequence, _topics[here.TopicIndex].Target, here.Partition, offset,
                "arrived after a later record of its key");
        }
        newest = Math.Max(newest, verdict.Stamp.TimestampMs);
        if (verdict.Anomaly == AnomalyClass.Duplicated)
        {
            lock (_duplicateTimes)
            {
                _duplicateTimes.Add(_clock.Elapsed.TotalSeconds);
            }
        }

        if (verdict.Anomaly is not null)
        {
            Example(verdict, stream.Key, here, offset);
        }
        else if (_live)
        {
            _latency.Record(here.TopicIndex, now - verdict.Stamp.TimestampMs);
        }
    }

    /// <summary>The cursor of a consumed record's partition (a topic's handle is resolved to its index once).</summary>
    private unsafe TargetCursor CursorOf(RdKafkaMessage* message)
    {
        int index;
        if (message->Topic == _lastTopicHandle)
        {
            index = _lastTopicIndex;
        }
        else
        {
            if (!_topicHandles.TryGetValue(message->Topic, out index))
            {
                index = _topicIndex[LibRdKafka.Text(LibRdKafka.TopicName(message->Topic))];
                _topicHandles[message->Topic] = index;
            }

            (_lastTopicHandle, _lastTopicIndex) = (message->Topic, index);
        }

        return CursorOf(index, message->Partition);
    }

    private TargetCursor CursorOf(int topicIndex, int partition)
    {
        var cursors = _cursors[topicIndex];
        while (cursors.Count <= partition)
        {
            // A partition the source does not have: what it holds is charged to partition 0, as nothing else fits.
            cursors.Add(new TargetCursor(topicIndex, cursors.Count, _parities[(_topics[topicIndex].Source, 0)]));
        }

        return cursors[partition];
    }

    private TargetCursor? CursorOf(string targetTopic, int partition, bool create) =>
        !_topicIndex.TryGetValue(targetTopic, out var index) || partition < 0 ? null
        : create ? CursorOf(index, partition)
        : partition < _cursors[index].Count ? _cursors[index][partition] : null;

    private VerificationResult Conclude()
    {
        var entries = _ledger.Entries;
        var latest = JudgeKeys(entries);
        foreach (var (key, ledger) in entries)
        {
            var tracker = _classifier.Stream(key);
            var parity = _parities[(key.Topic, key.Partition)];
            parity.Produced += ledger.Count;
            parity.Duplicated += tracker.Duplicated;
            parity.Reordered += tracker.Reordered;
            var unacknowledged = tracker.Unacknowledged(ledger);
            var abortedCopied = AbortedCopied(key, tracker, ledger, parity);
            parity.Unacknowledged += unacknowledged - abortedCopied;
            parity.Replicated += tracker.FirstCopies - unacknowledged;
            var compacted = latest.GetValueOrDefault(parity.TargetTopic);
            foreach (var sequence in tracker.LostSequences(ledger))
            {
                if (compacted is not null)
                {
                    // A key's missing latest record is judged per key; any other was superseded, and compaction may drop it.
                    if (!compacted.Contains((key, sequence)))
                    {
                        parity.Compacted++;
                    }

                    continue;
                }

                parity.Lost++;
                Example(AnomalyClass.Lost, key, sequence, parity.TargetTopic, key.Partition, -1, "acknowledged by the source, not found on the target");
            }
        }

        return new VerificationResult(_parities.Values.OrderBy(p => p.SourceTopic, StringComparer.Ordinal).ThenBy(p => p.Partition).ToList(), _examples);
    }

    /// <summary>
    /// Judges every partition of a compacted topic per key, books its key counts and examples, and returns, per target
    /// topic, the source's latest record of every key.
    /// </summary>
    private Dictionary<string, HashSet<(LedgerKey Stream, long Sequence)>> JudgeKeys(IReadOnlyList<(LedgerKey Key, PartitionLedger Ledger)> entries)
    {
        for (var t = 0; t < _topics.Length; t++)
        {
            var topic = _topics[t];
            for (var p = 0; p < _compacted[t].Length; p++)
            {
                if (_compacted[t][p] is not { } keys)
                {
                    continue;
                }

                var judgement = keys.Judge(entries.Where(e => e.Key.Topic == topic.Source && e.Key.Partition == p));
                var parity = _parities[(topic.Source, p)];
                parity.Keys += judgement.Keys;
                parity.KeysLost += judgement.KeysLost;
                parity.StaleKeys += judgement.StaleKeys;
                if (!_latestOfKeys.TryGetValue(topic.Target, out var latest))
                {
                    latest = [];
                    _latestOfKeys[topic.Target] = latest;
                }

                latest.UnionWith(judgement.Latest);
                foreach (var defect in judgement.Defects)
                {
                    var key = KeyDistribution.FormatKey(defect.KeyIndex);
                    var detail = defect.Target is not { } target
                        ? $"{key}: its latest record (a value) is not on the target, which has no record of the key"
                        : defect.Source.Tombstone
                            ? $"{key}: deleted on the source (a tombstone), still {(target.Tombstone ? "an older tombstone" : "a value")} on the target"
                            : $"{key}: the target's latest record is {(target.Tombstone ? "a tombstone" : "an older value")} (sequence {target.Sequence} of producer {target.Stream.ProducerId}), not the source's latest";
                    Example(defect.Anomaly, defect.Source.Stream, defect.Source.Sequence, topic.Target, p, defect.Target?.Offset ?? -1, detail);
                }
            }
        }

        return _latestOfKeys;
    }

    /// <summary>The source offset of a stream's sequence, -1 while the ledger does not have it.</summary>
    private long SourceOffsetOf(LedgerKey stream, long sequence) =>
        _ledger.Find(stream.Topic, stream.Partition, stream.ProducerId)?.OffsetOf(sequence) ?? -1;

    /// <summary>
    /// Books the stream's aborted records and those of them with a copy on the target. They are judged here, not as
    /// they are read: the replicator may copy a record before its producer has aborted the transaction. A copied one
    /// is also a first copy the ledger does not acknowledge, which it is not counted as: it is returned to be taken
    /// off the unacknowledged.
    /// </summary>
    private long AbortedCopied(LedgerKey key, StreamTracker tracker, PartitionLedger ledger, PartitionParity parity)
    {
        long copied = 0;
        foreach (var (start, end) in ledger.AbortedRanges)
        {
            parity.Aborted += end - start;
            var seen = tracker.SeenIn(start, end);
            copied += seen;
            for (var s = start; seen > 0 && s < end && _exampleCounts.GetValueOrDefault(AnomalyClass.AbortedCopied) < MaxExamplesPerClass; s++)
            {
                if (tracker.Seen(s))
                {
                    Example(AnomalyClass.AbortedCopied, key, s, parity.TargetTopic, key.Partition, TargetOffsetOf(parity.TargetTopic, key, s),
                        "record of an aborted transaction, found on the target");
                }
            }
        }

        parity.AbortedCopied += copied;
        return copied;
    }

    /// <summary>Where the first copy of a sequence sits in its home partition, from the offset map; -1 when not mapped.</summary>
    private long TargetOffsetOf(string targetTopic, LedgerKey key, long sequence)
    {
        var offset = -1L;
        if (_maps.TryGetValue((targetTopic, key.Partition), out var map))
        {
            map.Visit(segment =>
            {
                if (segment.Stream == key && sequence >= segment.FirstSequence && sequence < segment.FirstSequence + segment.Count)
                {
                    offset = segment.TargetOffset + (sequence - segment.FirstSequence);
                    return false;
                }

                return true;
            });
        }

        return offset;
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

    private void Example(in RecordVerdict verdict, LedgerKey? key, TargetCursor here, long targetOffset)
    {
        // The detail is written only for a kept example: a run with millions of anomalies formats ten of each.
        if (verdict.Anomaly is { } anomaly && _exampleCounts.GetValueOrDefault(anomaly) < MaxExamplesPerClass)
        {
            Example(anomaly, key, key is null ? -1 : verdict.Stamp.Sequence, _topics[here.TopicIndex].Target, here.Partition, targetOffset, _classifier.Describe(verdict));
        }
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
