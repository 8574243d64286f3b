namespace Harness.Broker.Storage;

/// <summary>
/// An aborted transaction on one partition: its producer, its first offset and the offset of its ABORT marker. A
/// read_committed fetch returns the ones overlapping what it fetched, so the consumer can drop their records.
/// </summary>
internal readonly record struct AbortedTransaction(long ProducerId, long FirstOffset, long LastOffset);
