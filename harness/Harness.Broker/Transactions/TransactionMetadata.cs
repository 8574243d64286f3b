using Harness.Broker.Groups;

namespace Harness.Broker.Transactions;

/// <summary>
/// What the coordinator keeps for one transactional id (Kafka keeps it in __transaction_state): the producer id and
/// epoch, the timeout, the partitions and groups of the open transaction and when it started. Changed only under the
/// coordinator's lock.
/// </summary>
internal sealed class TransactionMetadata(string transactionalId, long producerId, short epoch, int timeoutMs)
{
    public string TransactionalId { get; } = transactionalId;

    public long ProducerId { get; set; } = producerId;

    public short Epoch { get; set; } = epoch;

    /// <summary>The epoch before the coordinator fenced a timed-out transaction, or -1; that producer may still re-initialise.</summary>
    public short LastEpoch { get; set; } = -1;

    public int TimeoutMs { get; set; } = timeoutMs;

    public TransactionState State { get; set; } = TransactionState.Empty;

    /// <summary>When the open transaction took its first partition or group, or -1.</summary>
    public long StartTimestampMs { get; set; } = -1;

    public long LastUpdateTimestampMs { get; set; } = -1;

    public HashSet<TopicPartitionKey> Partitions { get; } = [];

    /// <summary>Groups whose offsets the open transaction commits (AddOffsetsToTxn).</summary>
    public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>When the open transaction times out, or null when none is open.</summary>
    public long? DeadlineMs => State == TransactionState.Ongoing ? StartTimestampMs + TimeoutMs : null;
}
