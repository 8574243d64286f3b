namespace Harness.Engine.Clusters;

/// <summary>
/// A cluster that can say how much it stores and holds in memory (the embedded broker). A cluster running inside the
/// harness process has no memory of its own to read: its share of the harness's RSS is what it holds in managed memory.
/// </summary>
public interface IClusterMemory
{
    /// <summary>Whether the cluster runs inside the harness process, so its memory is part of the harness's RSS.</summary>
    bool InProcess { get; }

    /// <summary>Bytes of record batches the cluster stores, in memory or on disk.</summary>
    long StoredBytes { get; }

    /// <summary>Bytes of record batches it holds in managed memory.</summary>
    long MemoryBytes { get; }
}
