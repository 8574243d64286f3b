namespace Harness.Broker.Storage;

/// <summary>What the broker remembers of one of a producer's recent batches, to recognise a retry.</summary>
internal readonly record struct ProducerBatchRecord(int FirstSequence, int LastSequence, long BaseOffset, long LastOffset);
