using Harness.Broker.Cluster;
using Harness.Broker.Groups;
using Harness.Broker.Protocol;

namespace Harness.Broker.Transactions;

/// <summary>
/// Transactions of one cluster (KIP-98): producer ids and epochs per transactional id, the partitions and groups of
/// each open transaction, markers on EndTxn and aborts on timeout. Like the group coordinator's, the state is
/// cluster-wide (as __transaction_state is replicated), so a broker kill moves the coordinator with every open
/// transaction and epoch intact; handlers answer NOT_COORDINATOR for ids another broker coordinates. One lock guards
/// everything; it is taken before the group coordinator's and a partition log's, never after.
/// </summary>
internal sealed class TransactionCoordinator
{
    /// <summary>Kafka's transaction.max.timeout.ms default: a longer transaction.timeout.ms is refused.</summary>
    public const int MaxTimeoutMs = 900_000;

    private readonly object _lock = new();
    private readonly Dictionary<string, TransactionMetadata> _transactions = new(StringComparer.Ordinal);
    private ITimer? _timer;
    private int _coordinatorEpoch;

    public TransactionCoordinator(ClusterState cluster) => Cluster = cluster;

    public ClusterState Cluster { get; }

    /// <summary>Written into every marker; it grows each time a broker dies, as the epoch of a __transaction_state leader would.</summary>
    public int CoordinatorEpoch => Volatile.Read(ref _coordinatorEpoch);

    /// <summary>Transactions aborted because they outlived their transaction.timeout.ms.</summary>
    public long TimedOut { get; private set; }

    public void CoordinatorMoved() => Interlocked.Increment(ref _coordinatorEpoch);

    /// <summary>
    /// InitProducerId for a transactional id: a new producer id at epoch 0 the first time, the same id at the next
    /// epoch afterwards. An open transaction is aborted first, under a bumped epoch, so its producer is fenced.
    /// <paramref name="expectedProducerId"/> and <paramref name="expectedEpoch"/> (v3+, -1 when absent) must be the
    /// current ones, or the epoch a timed-out transaction was fenced from.
    /// </summary>
    public ProducerIdAndEpoch InitProducerId(string transactionalId, int timeoutMs, long expectedProducerId, short expectedEpoch, bool producerFencedSupported)
    {
        if (timeoutMs <= 0 || timeoutMs > MaxTimeoutMs)
        {
            return ProducerIdAndEpoch.Failed(ErrorCode.InvalidTransactionTimeout);
        }

        lock (_lock)
        {
            var now = Cluster.NowMs;
            if (!_transactions.TryGetValue(transactionalId, out var txn))
            {
                txn = new TransactionMetadata(transactionalId, Cluster.NextProducerId(), 0, timeoutMs) { LastUpdateTimestampMs = now };
                _transactions[transactionalId] = txn;
                return new ProducerIdAndEpoch(ErrorCode.None, txn.ProducerId, txn.Epoch);
            }

            if (expectedProducerId != -1
                && (expectedProducerId != txn.ProducerId || (expectedEpoch != txn.Epoch && expectedEpoch != txn.LastEpoch)))
            {
                return ProducerIdAndEpoch.Failed(Fenced(producerFencedSupported));
            }

            switch (txn.State)
            {
                case TransactionState.Ongoing:
                    txn.Epoch = NextEpoch(txn.Epoch);
                    Complete(txn, commit: false, now);
                    break;
                case TransactionState.PrepareCommit or TransactionState.PrepareAbort or TransactionState.PrepareEpochFence:
                    return ProducerIdAndEpoch.Failed(ErrorCode.ConcurrentTransactions);
            }

            if (txn.Epoch >= short.MaxValue - 1)
            {
                // The epoch is exhausted: Kafka moves the transactional id to a fresh producer id.
                txn.ProducerId = Cluster.NextProducerId();
                txn.Epoch = 0;
            }
            else
            {
                txn.Epoch++;
            }

            txn.LastEpoch = -1;
            txn.TimeoutMs = timeoutMs;
            txn.State = TransactionState.Empty;
            txn.LastUpdateTimestampMs = now;
            Reschedule(now);
            return new ProducerIdAndEpoch(ErrorCode.None, txn.ProducerId, txn.Epoch);
        }
    }

    /// <summary>AddPartitionsToTxn: one error per partition, in order.</summary>
    public IReadOnlyList<ErrorCode> AddPartitions(string transactionalId, long producerId, short epoch, IReadOnlyList<TopicPartitionKey> partitions, bool producerFencedSupported)
    {
        lock (_lock)
        {
            var now = Cluster.NowMs;
            var error = ValidateForAdd(transactionalId, producerId, epoch, producerFencedSupported, out var txn);
            if (error != ErrorCode.None)
            {
                return partitions.Select(_ => error).ToList();
            }

            var states = partitions.Select(p => Cluster.FindPartition(p.Topic, p.Partition)).ToList();
            if (states.Any(s => s is null))
            {
                // Kafka adds all or nothing: the unknown partitions say why, the others were not attempted.
                return states.Select(s => s is null ? ErrorCode.UnknownTopicOrPartition : ErrorCode.OperationNotAttempted).ToList();
            }

            for (var i = 0; i < partitions.Count; i++)
            {
                txn!.Partitions.Add(partitions[i]);
                states[i]!.Log.BeginTransaction(producerId, epoch);
            }

            MarkOngoing(txn!, now);
            return partitions.Select(_ => ErrorCode.None).ToList();
        }
    }

    /// <summary>AddOffsetsToTxn: the group's offsets will be committed or dropped with the transaction.</summary>
    public ErrorCode AddOffsets(string transactionalId, long producerId, short epoch, string groupId, bool producerFencedSupported)
    {
        lock (_lock)
        {
            var error = ValidateForAdd(transactionalId, producerId, epoch, producerFencedSupported, out var txn);
            if (error == ErrorCode.None)
            {
                txn!.Groups.Add(groupId);
                MarkOngoing(txn, Cluster.NowMs);
            }

            return error;
        }
    }

    /// <summary>
    /// TxnOffsetCommit: checks the producer and that the group was added to its open transaction, then stages the
    /// offsets with the group, where they stay invisible until the transaction commits.
    /// </summary>
    public IReadOnlyList<ErrorCode> CommitOffsets(string transactionalId, string groupId, long producerId, short epoch, int generationId, string memberId,
        string? groupInstanceId, IReadOnlyList<OffsetCommitEntry> entries)
    {
        lock (_lock)
        {
            var error = Validate(transactionalId, producerId, epoch, producerFencedSupported: false, out var txn);
            if (error == ErrorCode.None && (txn!.State != TransactionState.Ongoing || !txn.Groups.Contains(groupId)))
            {
                error = ErrorCode.InvalidTxnState;
            }

            return error != ErrorCode.None
                ? entries.Select(_ => error).ToList()
                : Cluster.Groups.StageTransactionalOffsets(groupId, producerId, generationId, memberId, groupInstanceId, entries);
        }
    }

    /// <summary>EndTxn: writes the markers and completes the group offsets; a retry of a completed end succeeds again.</summary>
    public ErrorCode EndTransaction(string transactionalId, long producerId, short epoch, bool commit, bool producerFencedSupported)
    {
        lock (_lock)
        {
            var now = Cluster.NowMs;
            var error = Validate(transactionalId, producerId, epoch, producerFencedSupported, out var txn);
            if (error != ErrorCode.None)
            {
                return error;
            }

            switch (txn!.State)
            {
                case TransactionState.Ongoing:
                    Complete(txn, commit, now);
                    Reschedule(now);
                    return ErrorCode.None;
                case TransactionState.CompleteCommit when commit:
                case TransactionState.CompleteAbort when !commit:
                    return ErrorCode.None;
                case TransactionState.PrepareCommit or TransactionState.PrepareAbort or TransactionState.PrepareEpochFence:
                    return ErrorCode.ConcurrentTransactions;
                default:
                    return ErrorCode.InvalidTxnState;
            }
        }
    }

    public TransactionDescription? Describe(string transactionalId)
    {
        lock (_lock)
        {
            return _transactions.TryGetValue(transactionalId, out var txn) ? Snapshot(txn) : null;
        }
    }

    /// <summary>Transactional ids that pass <paramref name="include"/>, ordered by id.</summary>
    public IReadOnlyList<TransactionDescription> List(Func<TransactionDescription, bool> include)
    {
        lock (_lock)
        {
            return _transactions.Values.Select(Snapshot).Where(include).OrderBy(t => t.TransactionalId, StringComparer.Ordinal).ToList();
        }
    }

    private static TransactionDescription Snapshot(TransactionMetadata txn) => new(txn.TransactionalId, txn.State, txn.TimeoutMs, txn.StartTimestampMs,
        txn.ProducerId, txn.Epoch, txn.Partitions.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition).ToList());

    private ErrorCode Validate(string transactionalId, long producerId, short epoch, bool producerFencedSupported, out TransactionMetadata? txn)
    {
        if (!_transactions.TryGetValue(transactionalId, out txn) || txn.ProducerId != producerId)
        {
            return ErrorCode.InvalidProducerIdMapping;
        }

        return epoch != txn.Epoch ? Fenced(producerFencedSupported) : ErrorCode.None;
    }

    private ErrorCode ValidateForAdd(string transactionalId, long producerId, short epoch, bool producerFencedSupported, out TransactionMetadata? txn)
    {
        var error = Validate(transactionalId, producerId, epoch, producerFencedSupported, out txn);
        return error == ErrorCode.None && txn!.State is TransactionState.PrepareCommit or TransactionState.PrepareAbort or TransactionState.PrepareEpochFence
            ? ErrorCode.ConcurrentTransactions
            : error;
    }

    /// <summary>PRODUCER_FENCED exists from the versions of KIP-588; older versions get INVALID_PRODUCER_EPOCH, as Kafka answers them.</summary>
    private static ErrorCode Fenced(bool producerFencedSupported) => producerFencedSupported ? ErrorCode.ProducerFenced : ErrorCode.InvalidProducerEpoch;

    private static short NextEpoch(short epoch) => epoch == short.MaxValue ? epoch : (short)(epoch + 1);

    private void MarkOngoing(TransactionMetadata txn, long now)
    {
        if (txn.State != TransactionState.Ongoing)
        {
            txn.State = TransactionState.Ongoing;
            txn.StartTimestampMs = now;
            Reschedule(now);
        }

        txn.LastUpdateTimestampMs = now;
    }

    /// <summary>Writes a marker (under the transaction's current epoch) to every partition of the transaction and settles its group offsets.</summary>
    private void Complete(TransactionMetadata txn, bool commit, long now)
    {
        foreach (var key in txn.Partitions)
        {
            if (Cluster.Topics.TryGetValue(key.Topic, out var topic) && key.Partition < topic.Partitions.Length)
            {
                // The log is shared by every replica, so the marker lands even while the partition has no leader.
                var partition = topic.Partitions[key.Partition];
                partition.Log.WriteMarker(txn.ProducerId, txn.Epoch, commit, CoordinatorEpoch, topic.Config, partition.Snapshot().Epoch, now);
            }
        }

        foreach (var group in txn.Groups)
        {
            Cluster.Groups.CompleteTransactionalOffsets(group, txn.ProducerId, commit);
        }

        txn.Partitions.Clear();
        txn.Groups.Clear();
        txn.State = commit ? TransactionState.CompleteCommit : TransactionState.CompleteAbort;
        txn.StartTimestampMs = -1;
        txn.LastUpdateTimestampMs = now;
    }

    /// <summary>Arms one timer for the earliest transaction deadline; with no open transaction it stays off.</summary>
    private void Reschedule(long now)
    {
        var next = _transactions.Values.Select(t => t.DeadlineMs).Where(d => d is not null).Min();
        if (next is null)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        _timer ??= Cluster.Time.CreateTimer(_ => AbortTimedOut(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        // A millisecond of slack, as in the group coordinator: a timer firing at the deadline itself finds nothing due.
        _timer.Change(TimeSpan.FromMilliseconds(Math.Max(next.Value - now, 0) + 1), Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Aborts every transaction past its timeout, as Kafka's coordinator does: the epoch is bumped first, so the
    /// producer that let it expire is fenced, and the ABORT markers carry the new epoch.
    /// </summary>
    private void AbortTimedOut()
    {
        lock (_lock)
        {
            var now = Cluster.NowMs;
            try
            {
                foreach (var txn in _transactions.Values.Where(t => t.DeadlineMs <= now).ToList())
                {
                    txn.LastEpoch = txn.Epoch;
                    txn.Epoch = NextEpoch(txn.Epoch);
                    Complete(txn, commit: false, now);
                    TimedOut++;
                }
            }
#pragma warning disable CA1031 // A throw on a timer thread would end the process; a later sweep retries instead.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Console.Error.WriteLine($"[{Cluster.Name}] error: transaction timeout sweep failed: {e}");
                _timer?.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
                return;
            }

            Reschedule(now);
        }
    }
}
