namespace Harness.Broker.Transactions;

/// <summary>
/// A transactional id's state, named as Kafka's DescribeTransactions and ListTransactions report it. Markers are written
/// before EndTxn is answered, so the Prepare states are never seen from outside; they are kept for the names.
/// </summary>
internal enum TransactionState
{
    Empty,
    Ongoing,
    PrepareCommit,
    PrepareAbort,
    CompleteCommit,
    CompleteAbort,
    Dead,
    PrepareEpochFence,
}
