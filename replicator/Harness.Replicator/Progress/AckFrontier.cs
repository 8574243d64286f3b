namespace Harness.Replicator.Progress;

/// <summary>
/// One partition's next source offset to copy, advanced by the target's acknowledgements. Kept per partition so
/// the per-record path is one compare-and-swap, with no lookup by name.
/// </summary>
public sealed class AckFrontier
{
    private long _next;

    internal AckFrontier(long start) => _next = start;

    /// <summary>The next source offset to copy.</summary>
    public long Next => Volatile.Read(ref _next);

    /// <summary>The source record at <paramref name="offset"/> is safely in the target.</summary>
    public void Acknowledged(long offset)
    {
        var next = offset + 1;
        long current;
        while (next > (current = Volatile.Read(ref _next)) && Interlocked.CompareExchange(ref _next, next, current) != current)
        {
        }
    }
}
