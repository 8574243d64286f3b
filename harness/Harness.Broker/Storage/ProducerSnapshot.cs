namespace Harness.Broker.Storage;

/// <summary>What DescribeProducers reports of one producer on one partition.</summary>
internal readonly record struct ProducerSnapshot(long ProducerId, short Epoch, int LastSequence, long LastTimestamp, int CoordinatorEpoch, long CurrentTxnStartOffset);
