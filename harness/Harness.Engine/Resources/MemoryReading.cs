using Harness.Reports.Model;

namespace Harness.Engine.Resources;

/// <summary>One reading of the run's memory, in MiB; null where a process or cluster could not be read.</summary>
/// <param name="HarnessRssMiB">The harness process's resident set size (with embedded clusters, theirs included).</param>
/// <param name="HarnessGcHeapMiB">The harness process's managed heap.</param>
/// <param name="SourceMemoryMiB">Record batches the source cluster holds in memory, when it can say.</param>
/// <param name="TargetMemoryMiB">Record batches the target cluster holds in memory, when it can say.</param>
/// <param name="ReplicatorRssMiB">The replicator's processes' resident set size, when the harness started them.</param>
public sealed record MemoryReading(double? HarnessRssMiB, double? HarnessGcHeapMiB, double? SourceMemoryMiB, double? TargetMemoryMiB, double? ReplicatorRssMiB)
{
    /// <summary><paramref name="sample"/> with this reading's figures.</summary>
    public MetricSample ApplyTo(MetricSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return sample with
        {
            HarnessRssMiB = HarnessRssMiB,
            HarnessGcHeapMiB = HarnessGcHeapMiB,
            SourceMemoryMiB = SourceMemoryMiB,
            TargetMemoryMiB = TargetMemoryMiB,
            ReplicatorProcessRssMiB = ReplicatorRssMiB,
        };
    }
}
