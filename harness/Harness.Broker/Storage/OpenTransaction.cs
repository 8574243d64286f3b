namespace Harness.Broker.Storage;

/// <summary>
/// A transaction the coordinator added this partition to and has not ended: the epoch it runs under, and the offset of
/// its first batch here (-1 until one is written), which holds the last stable offset back.
/// </summary>
internal sealed class OpenTransaction(short epoch)
{
    public short Epoch { get; set; } = epoch;

    public long FirstOffset { get; set; } = -1;
}
