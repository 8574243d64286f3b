namespace Harness.Broker.Storage;

/// <summary>Where the batch at <paramref name="Offset"/> starts, remembered after a read so the next fetch of a consumer reading on skips the index.</summary>
internal readonly record struct ReadHint(long Offset, long SegmentBase, long Position);
