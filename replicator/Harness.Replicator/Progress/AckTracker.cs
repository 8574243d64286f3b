using System.Collections.Concurrent;

namespace Harness.Replicator.Progress;

/// <summary>
/// The next source offset to copy per partition, advanced only by the target's acknowledgements, so saved
/// progress never claims a record the target has not confirmed (at-least-once). Acknowledgements of one
/// partition arrive in order (one target partition, an idempotent producer), so the highest is the frontier.
/// </summary>
public sealed class AckTracker
{
    private readonly ConcurrentDictionary<(string Topic, int Partition), AckFrontier> _frontiers = new();

    /// <summary>Starts a partition at <paramref name="offset"/> (from saved progress) and returns its frontier.</summary>
    public AckFrontier Start((string Topic, int Partition) partition, long offset) =>
        _frontiers.AddOrUpdate(partition, _ => new AckFrontier(offset), (_, existing) => existing);

    /// <summary>Records that the source record at <paramref name="offset"/> is safely in the target.</summary>
    public void Acknowledged((string Topic, int Partition) partition, long offset) =>
        _frontiers.GetOrAdd(partition, _ => new AckFrontier(0)).Acknowledged(offset);

    /// <summary>The next offset to copy, or null for a partition never started.</summary>
    public long? Next((string Topic, int Partition) partition) => _frontiers.TryGetValue(partition, out var frontier) ? frontier.Next : null;

    /// <summary>A snapshot for saving.</summary>
    public IReadOnlyList<KeyValuePair<(string Topic, int Partition), long>> Snapshot() =>
        _frontiers.Select(f => new KeyValuePair<(string Topic, int Partition), long>(f.Key, f.Value.Next)).ToList();
}
