using Harness.Broker.Cluster;

namespace Harness.Broker.Storage;

/// <summary>
/// The storage of one cluster: it makes each partition's log, in memory or in a folder
/// <c>&lt;data folder&gt;/&lt;topic&gt;-&lt;partition&gt;</c>, and owns the data folder, which it removes when the cluster
/// stops unless asked to keep it.
/// </summary>
internal sealed class LogStorage : IDisposable
{
    private readonly EmbeddedClusterOptions _options;
    private readonly bool _keep;

    public LogStorage(EmbeddedClusterOptions options)
    {
        _options = options;
        if (options.Storage != StorageKind.Disk)
        {
            return;
        }

        _keep = options.KeepData;
        Root = options.DataDirectory is { } parent
            ? Path.GetFullPath(Path.Combine(parent, options.Name))
            : Path.Combine(Path.GetTempPath(), $"harness-{options.Name}-{Guid.NewGuid():N}"[..(9 + options.Name.Length + 8)]);
        if (Directory.Exists(Root) && Directory.EnumerateFileSystemEntries(Root).Any())
        {
            throw new ArgumentException($"data folder {Root} already holds a log; remove it or choose another data folder", nameof(options));
        }

        Directory.CreateDirectory(Root);
    }

    /// <summary>The cluster's data folder, or null for memory storage.</summary>
    public string? Root { get; }

    public PartitionLog CreateLog(string topic, int partition) => Root is null
        ? new PartitionLog(new MemoryBatchStore())
        : new PartitionLog(new DiskBatchStore(Path.Combine(Root, $"{topic}-{partition}"), _options.TailCacheBytes));

    /// <summary>Removes the data folder unless it is kept; the partitions' logs must be closed first.</summary>
    public void Dispose()
    {
        if (Root is not null && !_keep && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
