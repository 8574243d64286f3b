using Confluent.Kafka;
using Harness.Mm2;
using Harness.Mm2.Records;

namespace Harness.Replicator.Progress;

/// <summary>
/// Reads the offsets topic to its end at start, as Connect's offset store does: the latest record of a key wins
/// and a tombstone removes it. Records of other connectors or another source cluster (a topic shared with a
/// Connect cluster) are left alone.
/// </summary>
/// <remarks>The consumer needs <c>enable.partition.eof</c>: a partition whose last records were compacted away ends there.</remarks>
internal sealed class ProgressReader(IConsumer<byte[]?, byte[]?> consumer, string topic, string sourceAlias, Action<string> log, TimeProvider time)
{
    /// <summary>The next source offset to copy per partition, from every record written before the call.</summary>
    /// <param name="partitions">The offsets topic's partition count.</param>
    /// <param name="timeout">How long reading may take before it counts as a broker error.</param>
    /// <param name="cancellation">Stops reading.</param>
    /// <exception cref="KafkaException">The end was not reached within <paramref name="timeout"/>.</exception>
    public Dictionary<(string Topic, int Partition), long> ReadToEnd(int partitions, TimeSpan timeout, CancellationToken cancellation)
    {
        var started = time.GetTimestamp();
        var ends = new Dictionary<int, long>();
        for (var p = 0; p < partitions; p++)
        {
            var high = consumer.QueryWatermarkOffsets(new Confluent.Kafka.TopicPartition(topic, p), timeout).High.Value;
            if (high > 0)
            {
                ends[p] = high;
            }
        }

        var progress = new Dictionary<(string Topic, int Partition), long>();
        if (ends.Count == 0)
        {
            return progress;
        }

        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var reportedMalformed = false;
        while (ends.Count > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            if (time.GetElapsedTime(started) > timeout)
            {
                throw new KafkaException(new Error(ErrorCode.Local_TimedOut, $"reading {topic} to its end took longer than {timeout.TotalSeconds:0} s"));
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            // The last offsets of a partition may hold no record for the consumer (compacted away, or transaction
            // markers), so the end-of-partition event also ends it.
            if (!result.IsPartitionEOF && result.Message.Key is { } key)
            {
                reportedMalformed |= Apply(progress, key, result.Message.Value, result.TopicPartitionOffset, reportedMalformed);
            }

            if (ends.TryGetValue(result.Partition.Value, out var end) && (result.IsPartitionEOF || result.Offset.Value + 1 >= end))
            {
                ends.Remove(result.Partition.Value);
            }
        }

        return progress;
    }

    private bool Apply(Dictionary<(string Topic, int Partition), long> progress, byte[] key, byte[]? value, TopicPartitionOffset at, bool reportedMalformed)
    {
        SourceOffset record;
        try
        {
            record = SourceOffset.Deserialize(key, value);
        }
        catch (Mm2FormatException e)
        {
            if (!reportedMalformed)
            {
                log($"skipping records of {topic} that are not Connect source offsets (first at {at}: {e.Message})");
            }

            return true;
        }

        if (record.Connector != SourceOffset.MirrorSourceConnector || record.Cluster != sourceAlias)
        {
            return false;
        }

        if (record.Offset is { } offset)
        {
            // Connect keeps the last record copied; the replicator starts at the next one.
            progress[(record.Topic, record.Partition)] = offset + 1;
        }
        else
        {
            progress.Remove((record.Topic, record.Partition));
        }

        return false;
    }
}
