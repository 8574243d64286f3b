namespace Harness.Broker.Storage;

/// <summary>
/// One record batch as the producer sent it, with only its base offset and leader epoch filled in (or as the cleaner
/// rewrote it). <paramref name="CleanedAtMs"/> is when the cleaner first passed it (-1 before): tombstones and abort
/// markers in it are removed delete.retention.ms after that, as Kafka's delete horizon (KIP-534) does.
/// <paramref name="HoldsDeletes"/> says the cleaner left a tombstone or an abort marker in it, to expire later.
/// </summary>
internal sealed record StoredBatch(long BaseOffset, long LastOffset, long MaxTimestamp, long AppendTimeMs, byte[] Data, long CleanedAtMs = -1,
    bool HoldsDeletes = false)
{
    public ArraySegment<byte> Segment => new(Data);
}
