using System.Collections.Concurrent;

namespace Harness.Replicator.Progress;

/// <summary>
/// The next source offset to copy per partition, advanced only by the target's acknowledgements, so saved
/// progress never claims a record the target has not confirmed (at-least-once). Acknowledgements of one
/// partition arrive in order (one target partition, an idempotent producer), so the highest is the frontier.
/// </summary>
public sealed class AckTracker
{
    private readonly ConcurrentDictionary<(string Topic, int Partition), long> _next = new();

    /// <summary>Starts a partition at <paramref name="offset"/> (from saved progress).</summary>
    public void Start((string Topic, int Partition) partition, long offset) => _next[partition] = offset;

    /// <summary>Records that the source record at <paramref name="offset"/> is safely in the target.</summary>
    public void Acknowledged((string Topic, int Partition) partition, long offset) =>
        _next.AddOrUpdate(partition, offset + 1, (_, current) => Math.Max(current, offset + 1));

    /// <summary>The next offset to copy, or null for a partition never started.</summary>
    public long? Next((string Topic, int Partition) partition) => _next.TryGetValue(partition, out var next) ? next : null;

    /// <summary>A snapshot for saving.</summary>
    public IReadOnlyList<KeyValuePair<(string Topic, int Partition), long>> Snapshot() => _next.ToArray();
}
