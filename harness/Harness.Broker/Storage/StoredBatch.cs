namespace Harness.Broker.Storage;

/// <summary>One record batch as the producer sent it, with only its base offset and leader epoch filled in.</summary>
internal sealed record StoredBatch(long BaseOffset, long LastOffset, long MaxTimestamp, long AppendTimeMs, byte[] Data)
{
    public ArraySegment<byte> Segment => new(Data);
}
