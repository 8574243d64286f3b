namespace Harness.Reports.Sizing;

/// <summary>The replicator fleet: capacity measured, tasks per volume class, workers and heap.</summary>
public sealed record ReplicatorSizing
{
    /// <summary>The knee of the curve with the most tasks that found one, records/s; null when no level passed.</summary>
    public double? MaxSustainableRecordsPerSecond { get; init; }

    /// <summary>The tasks of that curve.</summary>
    public int? MaxSustainableTasks { get; init; }

    /// <summary>The capacity of one task, the lowest over the curves (tasks scale less than linearly).</summary>
    public PerTaskCapacity? PerTask { get; init; }

    /// <summary>Tasks and connectors per volume class.</summary>
    public IReadOnlyList<ClassSizing> Classes { get; init; } = [];

    /// <summary>Tasks over all classes.</summary>
    public int TotalTasks { get; init; }

    /// <summary>Tasks one worker runs in normal operation.</summary>
    public int TasksPerWorker { get; init; }

    /// <summary>Workers, one more than the tasks need so that one worker may fail (N+1).</summary>
    public int Workers { get; init; }

    /// <summary>Memory of one worker besides its tasks, MiB, from the curves (null when no memory was measured).</summary>
    public double? BaseMemoryMiB { get; init; }

    /// <summary>Memory each task adds, MiB.</summary>
    public double? MemoryPerTaskMiB { get; init; }

    /// <summary>Heap to give each worker, MiB: memory for the tasks it runs after one worker failed, plus the margin.</summary>
    public double? HeapPerWorkerMiB { get; init; }
}
