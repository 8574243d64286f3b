namespace Harness.Broker.Storage;

/// <summary>A recently appended batch kept in memory by disk storage, so readers at the tail get it without a file read.</summary>
internal readonly record struct TailBatch(long BaseOffset, long LastOffset, byte[] Data);
