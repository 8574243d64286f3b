namespace Harness.Broker.Storage;

/// <summary>The offsets a fetch response reports for a partition, taken together under the log's lock.</summary>
internal readonly record struct LogBounds(long HighWatermark, long LastStableOffset, long LogStartOffset);
