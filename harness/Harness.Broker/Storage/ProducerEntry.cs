namespace Harness.Broker.Storage;

/// <summary>
/// Idempotence state of one producer id on one partition: its epoch and its last five batches, the same window
/// Kafka keeps because a producer has at most five batches in flight per partition.
/// </summary>
internal sealed class ProducerEntry
{
    private const int Window = 5;
    private readonly Queue<ProducerBatchRecord> _recent = new();

    public ProducerEntry(short epoch) => Epoch = epoch;

    public short Epoch { get; private set; }

    public int LastSequence => _recent.Count == 0 ? -1 : _recent.Last().LastSequence;

    public bool IsEmpty => _recent.Count == 0;

    /// <summary>Max timestamp of the producer's last batch here, or -1; DescribeProducers reports it.</summary>
    public long LastTimestamp { get; set; } = -1;

    /// <summary>The coordinator epoch of the last transaction marker written for this producer, or -1.</summary>
    public int CoordinatorEpoch { get; set; } = -1;

    public ProducerBatchRecord? FindDuplicate(int firstSequence, int lastSequence)
    {
        foreach (var batch in _recent)
        {
            if (batch.FirstSequence == firstSequence && batch.LastSequence == lastSequence)
            {
                return batch;
            }
        }

        return null;
    }

    public void Reset(short epoch)
    {
        Epoch = epoch;
        _recent.Clear();
    }

    public void Add(ProducerBatchRecord batch)
    {
        _recent.Enqueue(batch);
        while (_recent.Count > Window)
        {
            _recent.Dequeue();
        }
    }
}
