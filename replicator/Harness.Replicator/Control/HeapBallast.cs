namespace Harness.Replicator.Control;

/// <summary>
/// Managed memory held on purpose, for the chaos engine's heap-pressure fault: the replicator has to keep working
/// with that much less heap. Every page is written, so the memory is really committed (resident), not just reserved.
/// </summary>
public sealed class HeapBallast
{
    private const int Chunk = 1024 * 1024;
    private const int Page = 4096;
    private readonly Lock _lock = new();
    private readonly List<byte[]> _chunks = [];

    /// <summary>MiB held now.</summary>
    public int HeldMiB
    {
        get
        {
            lock (_lock)
            {
                return _chunks.Count;
            }
        }
    }

    /// <summary>
    /// Holds <paramref name="mib"/> MiB (0 frees everything) and returns the MiB held. Asking for more than the hard
    /// heap limit allows ends the process with an out-of-memory failure.
    /// </summary>
    public int Set(int mib)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mib);
        lock (_lock)
        {
            if (mib < _chunks.Count)
            {
                _chunks.RemoveRange(mib, _chunks.Count - mib);
                // Give the memory back now, so the heap-pressure fault ends when the chaos engine says so.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                return _chunks.Count;
            }

            try
            {
                while (_chunks.Count < mib)
                {
                    var chunk = GC.AllocateUninitializedArray<byte>(Chunk);
                    for (var i = 0; i < chunk.Length; i += Page)
                    {
                        chunk[i] = 0xBA;
                    }

                    _chunks.Add(chunk);
                }
            }
            catch (OutOfMemoryException)
            {
                // A ballast beyond the hard heap limit is a heap that ran out, as in the incident the chaos engine
                // replays: the process dies the way an out-of-memory replicator does, not limping on.
                Environment.FailFast($"harness-replicator: out of memory: a heap ballast of {mib} MiB does not fit under the hard heap limit ({_chunks.Count} MiB held)");
            }

            return _chunks.Count;
        }
    }
}
