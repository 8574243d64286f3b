using Harness.Reports.Sizing;

namespace Harness.Engine.Sizing;

/// <summary>
/// Sizes the replicator fleet from the curves and the profile:
/// per class tasks = max(ceil(peak records/s × headroom / per-task records/s), ceil(peak MB/s × headroom / per-task MB/s));
/// workers = ceil(total tasks / tasks per worker) + 1; heap per worker = (base + per-task memory × ceil(total tasks /
/// (workers − 1))) × (1 + margin), so the survivors of one failed worker still fit.
/// </summary>
public static class ReplicatorModel
{
    /// <summary>Sizes the fleet.</summary>
    public static ReplicatorSizing Size(IReadOnlyList<CapacityCurve> curves, ProfileShape profile, SizingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(spec);
        var measured = curves.Where(c => c.KneeRecordsPerSecond is > 0).ToList();
        var best = measured.MaxBy(c => (c.Tasks, c.KneeRecordsPerSecond));

        // Tasks scale less than linearly (shared clients, one process's CPU): the lowest per-task figure is the safe one.
        var perTask = measured
            .Select(c => new PerTaskCapacity(
                Math.Round(c.KneeRecordsPerSecond!.Value / c.Tasks, 1),
                Math.Round((c.KneeMegabytesPerSecond ?? 0) / c.Tasks, 3),
                c.Tasks))
            .MinBy(p => p.RecordsPerSecond);
        var classes = profile.ClassPeaks.OrderBy(c => ClassOrder(c.Key)).Select(c => new ClassSizing
        {
            Class = c.Key,
            Topics = [.. profile.Topics.Where(t => t.Class == c.Key).Select(t => t.Name)],
            PeakRecordsPerSecond = Math.Round(c.Value.Records, 1),
            PeakMegabytesPerSecond = Math.Round(c.Value.Bytes / 1e6, 3),
            Tasks = perTask is null ? 0 : TasksFor(c.Value.Records, c.Value.Bytes / 1e6, spec.Headroom, perTask),
        }).ToList();
        var total = classes.Sum(c => c.Tasks);
        var tasksPerWorker = spec.TasksPerWorker ?? Math.Max(1, curves.Select(c => c.Tasks).DefaultIfEmpty(1).Max());
        var workers = total == 0 ? 0 : (int)Math.Ceiling(total / (double)tasksPerWorker) + 1;
        var (baseMiB, perTaskMiB) = Memory(curves);
        double? heap = baseMiB is { } b && perTaskMiB is { } p && workers > 1
            ? Math.Ceiling((b + (p * Math.Ceiling(total / (double)(workers - 1)))) * (1 + spec.MemoryMargin))
            : null;
        return new ReplicatorSizing
        {
            MaxSustainableRecordsPerSecond = best?.KneeRecordsPerSecond,
            MaxSustainableTasks = best?.Tasks,
            PerTask = perTask,
            Classes = classes,
            TotalTasks = total,
            TasksPerWorker = tasksPerWorker,
            Workers = workers,
            BaseMemoryMiB = baseMiB is null ? null : Math.Round(baseMiB.Value, 1),
            MemoryPerTaskMiB = perTaskMiB is null ? null : Math.Round(perTaskMiB.Value, 1),
            HeapPerWorkerMiB = heap,
        };
    }

    /// <summary>Tasks for one class: enough for its peak times the headroom by records and by bytes, at least 1.</summary>
    public static int TasksFor(double peakRecordsPerSecond, double peakMegabytesPerSecond, double headroom, PerTaskCapacity perTask)
    {
        ArgumentNullException.ThrowIfNull(perTask);
        var byRecords = Ceiling(peakRecordsPerSecond * headroom / perTask.RecordsPerSecond);
        var byBytes = perTask.MegabytesPerSecond > 0 ? Ceiling(peakMegabytesPerSecond * headroom / perTask.MegabytesPerSecond) : 0;
        return (int)Math.Max(1, Math.Max(byRecords, byBytes));
    }

    // A quotient that is whole on paper can come out a hair above it in floating point (1.2 / 0.4); that is not a task more.
    private static double Ceiling(double value) => Math.Ceiling(value - 1e-9);

    /// <summary>
    /// Memory at the knee as base + per task × tasks, a line through the curves with the fewest and the most tasks
    /// (one curve: all of it counts per task, no base). Resident memory when measured (the safe figure: the built-in
    /// replicator keeps records outside the managed heap), else the heap.
    /// </summary>
    public static (double? Base, double? PerTask) Memory(IReadOnlyList<CapacityCurve> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var points = curves
            .Select(c => (c.Tasks, Memory: KneeMemory(c)))
            .Where(p => p.Memory is not null)
            .Select(p => (p.Tasks, Memory: p.Memory!.Value))
            .OrderBy(p => p.Tasks)
            .ToList();
        if (points.Count == 0)
        {
            return (null, null);
        }

        var (first, last) = (points[0], points[^1]);
        if (first.Tasks == last.Tasks)
        {
            return (0, first.Memory / first.Tasks);
        }

        var perTask = Math.Max(0, (last.Memory - first.Memory) / (last.Tasks - first.Tasks));
        return (Math.Max(0, first.Memory - (perTask * first.Tasks)), perTask);
    }

    private static double? KneeMemory(CapacityCurve curve) =>
        KneeSearch.Knee(curve.Levels) is { } knee ? knee.ReplicatorRssMiB ?? knee.ReplicatorHeapMiB : null;

    private static int ClassOrder(string name) => name switch { "high" => 0, "medium" => 1, "low" => 2, _ => 3 };
}
