namespace Harness.Engine.Sizing;

/// <summary>One broker instance type of an <see cref="InstanceTable"/>.</summary>
public sealed record InstanceType
{
    /// <summary>The type's name, such as <c>kafka.m5.large</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Virtual CPUs; the recommendation prefers the fewest vCPUs over the whole cluster.</summary>
    public InstanceFigure? Vcpu { get; init; }

    /// <summary>Recommended partition replicas per broker (leaders and followers).</summary>
    public required InstanceFigure MaxPartitions { get; init; }

    /// <summary>Storage throughput per broker, MiB/s; null when the table gives none.</summary>
    public InstanceFigure? StorageThroughputMiBps { get; init; }

    /// <summary>Largest storage per broker, GiB; null when the table gives none.</summary>
    public InstanceFigure? MaxStorageGiB { get; init; }
}
