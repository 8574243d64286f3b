using System.Globalization;
using Harness.Engine.Load;

namespace Harness.Engine.Verification;

/// <summary>
/// The verification rules for one record read on the target, over plain values: whether it is this run's, whose stream
/// it belongs to, whether it sits where its stamp says, whether its content and timestamp are what was produced, and
/// what its sequence shows against the copies read before it. It owns the streams, so the whole judgement can be
/// tested without a broker; the reader only hands it each record's parts. Judging a clean record allocates nothing:
/// the verifier classifies every record of a run and must keep up with kcat.
/// </summary>
internal sealed class RecordClassifier
{
    private readonly ulong _runId;
    /// <summary>An array, not the caller's list: every record indexes it, and an interface call there would cost a dispatch each time.</summary>
    private readonly VerifiedTopic[] _topics;
    private readonly Dictionary<LedgerKey, StreamTracker> _streams = [];

    /// <summary>
    /// The last stream seen per source partition ([topic index][partition]): a partition nearly always holds one
    /// producer's records, so this saves the dictionary lookup for almost every record.
    /// </summary>
    private readonly StreamTracker?[][] _recent;

    /// <summary>Creates the rules of the run <paramref name="runId"/> over <paramref name="topics"/> (list index = the stamp's topic index).</summary>
    public RecordClassifier(IReadOnlyList<VerifiedTopic> topics, ulong runId)
    {
        _runId = runId;
        _topics = [.. topics];
        _recent = [.. _topics.Select(t => new StreamTracker?[t.Partitions])];
    }

    /// <summary>Judges one record and, when it is a sound copy in its home partition, advances its stream.</summary>
    public RecordVerdict Classify(in ConsumedRecord record)
    {
        if (!record.HasStamp)
        {
            return new RecordVerdict(AnomalyClass.Unexpected, RecordFault.NoStamp, default, null, record.TimestampMs);
        }

        var status = RecordStamp.TryDecode(record.Stamp, out var stamp);
        if (status == StampStatus.Unreadable || stamp.RunId != _runId || stamp.TopicIndex >= _topics.Length
            || stamp.Partition < 0 || stamp.Partition >= _topics[stamp.TopicIndex].Partitions)
        {
            // Only a stamp whose checksum holds is believed to be foreign; damaged bytes could be anyone's.
            return status != StampStatus.Valid ? new RecordVerdict(AnomalyClass.Corrupted, RecordFault.Unattributable, default, null, record.TimestampMs)
                : new RecordVerdict(AnomalyClass.Unexpected, stamp.RunId != _runId ? RecordFault.OtherRun : RecordFault.NoSourcePartition, stamp, null, record.TimestampMs);
        }

        var stream = Stream(stamp.TopicIndex, stamp.Partition, stamp.ProducerId);
        var fault = stamp.TopicIndex != record.TopicIndex || stamp.Partition != record.Partition ? RecordFault.Misrouted
            : status == StampStatus.Damaged ? RecordFault.StampChanged
            : RecordStamp.HashContent(record.Key, record.HashedValue) != stamp.ContentHash ? RecordFault.ContentChanged
            : record.TimestampMs != stamp.TimestampMs ? RecordFault.TimestampChanged
            : RecordFault.None;
        if (fault != RecordFault.None)
        {
            // The sequence did reach the target, only not intact or not here: it is not also lost.
            stream.SeenElsewhere(stamp.Sequence);
            return new RecordVerdict(fault == RecordFault.Misrouted ? AnomalyClass.Misrouted : AnomalyClass.Corrupted, fault, stamp, stream, record.TimestampMs);
        }

        return new RecordVerdict(stream.Observe(stamp.Sequence), RecordFault.None, stamp, stream, record.TimestampMs);
    }

    /// <summary>The stream of <paramref name="key"/>, created empty when no copy of it was read.</summary>
    public StreamTracker Stream(LedgerKey key)
    {
        if (!_streams.TryGetValue(key, out var tracker))
        {
            tracker = new StreamTracker(key);
            _streams[key] = tracker;
        }

        return tracker;
    }

    /// <summary>The one-line reason an anomaly example gives for <paramref name="verdict"/>.</summary>
    public string Describe(in RecordVerdict verdict) => verdict.Fault switch
    {
        RecordFault.NoStamp => "record has no harness stamp",
        RecordFault.OtherRun => string.Create(CultureInfo.InvariantCulture, $"stamp of another run ({verdict.Stamp.RunId:x})"),
        RecordFault.NoSourcePartition => "stamp names no source partition of this run",
        RecordFault.Unattributable => "stamp is damaged beyond attribution",
        RecordFault.Misrouted => string.Create(CultureInfo.InvariantCulture, $"expected in {_topics[verdict.Stamp.TopicIndex].Target}/{verdict.Stamp.Partition}"),
        RecordFault.StampChanged => "stamp bytes changed",
        RecordFault.ContentChanged => "key or value differs from what was produced",
        RecordFault.TimestampChanged => string.Create(CultureInfo.InvariantCulture, $"timestamp {verdict.TimestampMs} differs from the produced {verdict.Stamp.TimestampMs}"),
        _ => verdict.Anomaly == AnomalyClass.Duplicated ? "already seen on the target" : "arrived after a later sequence",
    };

    private StreamTracker Stream(int topicIndex, int partition, ushort producerId)
    {
        ref var recent = ref _recent[topicIndex][partition];
        if (recent is null || recent.Key.ProducerId != producerId)
        {
            recent = Stream(new LedgerKey(_topics[topicIndex].Source, partition, producerId));
        }

        return recent;
    }
}
