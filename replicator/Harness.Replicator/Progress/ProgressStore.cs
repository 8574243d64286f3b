using Confluent.Kafka;
using Harness.Mm2.Records;

namespace Harness.Replicator.Progress;

/// <summary>
/// Durable replication progress kept as MirrorMaker 2 keeps it: Connect source offset records
/// (<see cref="SourceOffset"/>) in a compacted topic on the target, so a restart resumes and a fresh target starts
/// fresh. Each commit writes the partitions whose acknowledged frontier moved since the last write; the
/// producer is idempotent and a key always goes to the same partition, so the latest write of a key is the latest
/// progress.
/// </summary>
/// <param name="producer">An idempotent, acks=all producer to the target, partitioning keys as Java's producer does.</param>
/// <param name="topic">The offsets topic.</param>
/// <param name="sourceAlias">The source cluster alias, the <c>cluster</c> of every key.</param>
/// <param name="log">Receives one line when a write fails.</param>
internal sealed class ProgressStore(IProducer<byte[]?, byte[]?> producer, string topic, string sourceAlias, Action<string> log)
{
    private readonly Dictionary<(string Topic, int Partition), long> _written = [];
    private int _rewrite;
    private int _failures;

    /// <summary>Takes <paramref name="loaded"/> (next offsets read at start) as already written, so an idle partition is not written again.</summary>
    public void Loaded(IReadOnlyDictionary<(string Topic, int Partition), long> loaded)
    {
        foreach (var (partition, next) in loaded)
        {
            _written[partition] = next;
        }
    }

    /// <summary>
    /// Writes the progress of every partition that moved: the offset of its last acknowledged record, as
    /// MirrorSourceTask commits it. Partitions that acknowledged nothing are not written, as Connect writes no
    /// offset for a partition that produced no record.
    /// </summary>
    /// <param name="progress">The next source offset to copy per partition.</param>
    public void Save(IEnumerable<KeyValuePair<(string Topic, int Partition), long>> progress)
    {
        if (Interlocked.Exchange(ref _rewrite, 0) == 1)
        {
            // A write failed for good: write everything again rather than guess which key it was.
            _written.Clear();
        }

        foreach (var (partition, next) in progress)
        {
            if (next <= 0 || (_written.TryGetValue(partition, out var written) && written == next))
            {
                continue;
            }

            var record = new SourceOffset(SourceOffset.MirrorSourceConnector, sourceAlias, partition.Topic, partition.Partition, next - 1);
            try
            {
                producer.Produce(topic, new Message<byte[]?, byte[]?> { Key = record.SerializeKey(), Value = record.SerializeValue() }, Delivered);
                _written[partition] = next;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The target is not keeping up; this partition is written at a later commit.
                _ = e;
            }
        }
    }

    /// <summary>Waits until every write is acknowledged; false when some were not within <paramref name="timeout"/>.</summary>
    public bool Flush(TimeSpan timeout) => producer.Flush(timeout) == 0;

    private void Delivered(DeliveryReport<byte[]?, byte[]?> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Exchange(ref _rewrite, 1);
            if (Interlocked.Increment(ref _failures) == 1)
            {
                log($"progress not written to {topic} ({report.Error.Reason}); it is written again at the next commit");
            }
        }
    }
}
