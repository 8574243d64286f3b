using Harness.Broker.Groups;

namespace Harness.Broker.Transactions;

/// <summary>A copy of one transactional id's state, taken under the coordinator's lock, for DescribeTransactions and ListTransactions.</summary>
internal sealed record TransactionDescription(
    string TransactionalId,
    TransactionState State,
    int TimeoutMs,
    long StartTimestampMs,
    long ProducerId,
    short Epoch,
    IReadOnlyList<TopicPartitionKey> Partitions);
