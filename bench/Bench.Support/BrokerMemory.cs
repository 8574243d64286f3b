namespace Harness.Bench.Support;

/// <summary>The broker process's resident memory (now and peak), the record bytes it stores, its managed heap and CPU time so far.</summary>
public sealed record BrokerMemory(long Rss, long PeakRss, long StoredBytes, long ManagedHeap, long CpuMilliseconds)
{
    /// <summary>The target: RSS at most 1.5 times the stored bytes plus 100 MB.</summary>
    public long Budget => (long)(StoredBytes * 1.5) + (100L << 20);
}
