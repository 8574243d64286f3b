using System.Collections.Concurrent;

namespace Harness.Engine.Load;

/// <summary>
/// The producer-side truth of a run: every acknowledged record, per source topic, partition and producer
/// (sequences are per producer and partition, because only that order is guaranteed).
/// </summary>
public sealed class Ledger
{
    private readonly ConcurrentDictionary<LedgerKey, PartitionLedger> _partitions = new();

    /// <summary>The ledger of one producer's records in one partition (created on first use).</summary>
    public PartitionLedger For(string topic, int partition, int producerId) =>
        _partitions.GetOrAdd(new LedgerKey(topic, partition, producerId), _ => new PartitionLedger());

    /// <summary>The ledger of one producer's records in one partition, or null when it sent none there.</summary>
    public PartitionLedger? Find(string topic, int partition, int producerId) =>
        _partitions.GetValueOrDefault(new LedgerKey(topic, partition, producerId));

    /// <summary>Every (topic, partition, producer) that has a ledger, in a stable order.</summary>
    public IReadOnlyList<(LedgerKey Key, PartitionLedger Ledger)> Entries =>
        _partitions.Select(p => (p.Key, p.Value))
            .OrderBy(p => p.Key.Topic, StringComparer.Ordinal).ThenBy(p => p.Key.Partition).ThenBy(p => p.Key.ProducerId).ToList();

    /// <summary>Acknowledged records in all partitions.</summary>
    public long TotalAcknowledged => _partitions.Values.Sum(p => p.Count);

    /// <summary>Records of aborted transactions in all partitions.</summary>
    public long TotalAborted => _partitions.Values.Sum(p => p.AbortedCount);
}
