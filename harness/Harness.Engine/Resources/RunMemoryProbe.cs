using Harness.Engine.Clusters;
using Harness.Engine.Replicators;

namespace Harness.Engine.Resources;

/// <summary>
/// The memory of a run: the harness process (which holds embedded clusters), what each cluster that can say holds in
/// memory, and the replicator's processes, read from /proc as their process group.
/// </summary>
internal sealed class RunMemoryProbe(IKafkaCluster source, IKafkaCluster target, IReplicator replicator) : IMemoryProbe
{
    private const double MiB = 1024 * 1024;

    public MemoryReading Read()
    {
        double? replicatorRss = null;
        foreach (var pid in replicator.ProcessIds)
        {
            if (ProcessMemory.GroupRssMiB(pid) is { } rss)
            {
                replicatorRss = (replicatorRss ?? 0) + rss;
            }
        }

        return new MemoryReading(
            Round(ProcessMemory.SelfRssMiB()),
            Round(GC.GetGCMemoryInfo().HeapSizeBytes / MiB),
            Round((source as IClusterMemory)?.MemoryBytes / MiB),
            Round((target as IClusterMemory)?.MemoryBytes / MiB),
            Round(replicatorRss));
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;
}
