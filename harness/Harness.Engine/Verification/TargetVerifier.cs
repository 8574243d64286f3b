using Confluent.Kafka;
using Harness.Engine.Load;

namespace Harness.Engine.Verification;

/// <summary>
/// Reads every remote partition from its start to its current end and classifies each record against the
/// ledger. Streaming: memory grows with partitions and anomalies, never with the number of records.
/// </summary>
public sealed class TargetVerifier
{
    private const int MaxExamplesPerClass = 10;
    private readonly IReadOnlyList<VerifiedTopic> _topics;
    private readonly Ledger _ledger;
    private readonly ulong _runId;
    private readonly string _targetBootstrap;
    private readonly Dictionary<LedgerKey, StreamTracker> _streams = [];
    private readonly List<AnomalyExample> _examples = [];
    private readonly Dictionary<AnomalyClass, int> _exampleCounts = [];

    /// <summary>Creates a verifier of <paramref name="topics"/> (index = the stamp's topic index).</summary>
    public TargetVerifier(IReadOnlyList<VerifiedTopic> topics, Ledger ledger, ulong runId, string targetBootstrap)
    {
        _topics = topics;
        _ledger = ledger;
        _runId = runId;
        _targetBootstrap = targetBootstrap;
    }

    /// <summary>Reads the target and returns the parity of every source partition.</summary>
    public VerificationResult Verify(CancellationToken cancellation)
    {
        var parities = new Dictionary<(string, int), PartitionParity>();
        foreach (var topic in _topics)
        {
            for (var p = 0; p < topic.Partitions; p++)
            {
                parities[(topic.Source, p)] = new PartitionParity(topic.Source, topic.Target, p);
            }
        }

        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = _targetBootstrap,
            GroupId = $"harness-verifier-{_runId:x}",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            FetchMaxBytes = 16 * 1024 * 1024,
            QueuedMaxMessagesKbytes = 32 * 1024,
        }).Build();
        ReadAll(consumer, parities, cancellation);

        foreach (var ((topic, partition, producer), ledger) in _ledger.Entries)
        {
            var tracker = Stream(new LedgerKey(topic, partition, producer));
            var parity = parities[(topic, partition)];
            parity.Produced += ledger.Count;
            parity.Replicated += tracker.Delivered;
            parity.Duplicated += tracker.Duplicated;
            parity.Reordered += tracker.Reordered;
            parity.Unacknowledged += tracker.Unacknowledged;
            foreach (var sequence in tracker.LostSequences())
            {
                parity.Lost++;
                Example(AnomalyClass.Lost, tracker.Key, sequence, parity.TargetTopic, partition, -1, "acknowledged by the source, not found on the target");
            }
        }

        return new VerificationResult(parities.Values.OrderBy(p => p.SourceTopic, StringComparer.Ordinal).ThenBy(p => p.Partition).ToList(), _examples);
    }

    private void ReadAll(IConsumer<byte[]?, byte[]?> consumer, Dictionary<(string, int), PartitionParity> parities, CancellationToken cancellation)
    {
        // Every partition at once, each read from its start to the end it had when verification began.
        var ends = new Dictionary<(string Topic, int Partition), long>();
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var assignment = new List<TopicPartitionOffset>();
        for (var t = 0; t < _topics.Count; t++)
        {
            var topic = _topics[t];
            indexes[topic.Target] = t;
            for (var p = 0; p < topic.Partitions; p++)
            {
                var target = new TopicPartition(topic.Target, p);
                var watermarks = consumer.QueryWatermarkOffsets(target, TimeSpan.FromSeconds(10));
                if (watermarks.High.Value > watermarks.Low.Value)
                {
                    ends[(topic.Target, p)] = watermarks.High.Value;
                    assignment.Add(new TopicPartitionOffset(target, Offset.Beginning));
                }
            }
        }

        if (assignment.Count == 0)
        {
            return;
        }

        consumer.Assign(assignment);
        while (ends.Count > 0 && !cancellation.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(1));
            if (result is null)
            {
                continue;
            }

            var key = (result.Topic, result.Partition.Value);
            if (!ends.TryGetValue(key, out var end))
            {
                continue;
            }

            if (!result.IsPartitionEOF && result.Offset.Value < end)
            {
                var t = indexes[result.Topic];
                Classify(t, _topics[t], result.Partition.Value, result, parities);
            }

            if (result.IsPartitionEOF ? result.Offset.Value >= end : result.Offset.Value + 1 >= end)
            {
                ends.Remove(key);
            }
        }

        consumer.Unassign();
    }

    private void Classify(int topicIndex, VerifiedTopic topic, int partition, ConsumeResult<byte[]?, byte[]?> record, Dictionary<(string, int), PartitionParity> parities)
    {
        var here = parities[(topic.Source, partition)];
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
                Example(AnomalyClass.Unexpected, null, -1, topic.Target, partition, offset, stamp.RunId != _runId ? $"stamp of another run ({stamp.RunId:x})" : "stamp names no source partition of this run");
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
        var home = parities[(key.Topic, key.Partition)];
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

        if (stream.Ledger is null)
        {
            home.Unexpected++;
            Example(AnomalyClass.Unexpected, key, stamp.Sequence, topic.Target, partition, offset, "no acknowledged record of this producer in this partition");
            return;
        }

        var anomaly = stream.Observe(stamp.Sequence);
        if (anomaly is { } found)
        {
            Example(found, key, stamp.Sequence, topic.Target, partition, offset, found == AnomalyClass.Duplicated ? "already seen on the target" : "arrived after a later sequence");
        }
    }

    private StreamTracker Stream(LedgerKey key)
    {
        if (!_streams.TryGetValue(key, out var tracker))
        {
            tracker = new StreamTracker(key, _ledger.Find(key.Topic, key.Partition, key.ProducerId));
            _streams[key] = tracker;
        }

        return tracker;
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
}
