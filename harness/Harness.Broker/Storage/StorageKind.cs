namespace Harness.Broker.Storage;

/// <summary>Where an embedded cluster keeps its partitions' batches.</summary>
public enum StorageKind
{
    /// <summary>In managed memory: the process's memory grows with the bytes stored.</summary>
    Memory,

    /// <summary>In segment files under a data folder, as Kafka does; the OS page cache holds what is hot.</summary>
    Disk,
}
