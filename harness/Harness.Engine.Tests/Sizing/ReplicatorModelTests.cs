using Harness.Engine.Sizing;
using Harness.Reports.Sizing;

namespace Harness.Engine.Tests.Sizing;

public sealed class ReplicatorModelTests
{
    [Test]
    public void The_profile_shape_has_the_hand_computed_peaks_sizes_and_retention()
    {
        var shape = SizingProfiles.Shape();

        shape.ClassPeaks["high"].Records.Should().BeApproximately(4000, 0.001);
        shape.ClassPeaks["high"].Bytes.Should().BeApproximately(2_000_000, 0.01);
        shape.ClassPeaks["medium"].Bytes.Should().BeApproximately(600_000, 0.01);
        shape.PeakBytesPerSecond.Should().BeApproximately(2_600_000, 0.01);
        shape.MeanRecordsPerSecond.Should().BeApproximately(4600, 0.001);
        shape.Topics.Single(t => t.Name == "hi.a").Retention.Should().Be(TimeSpan.FromDays(1));
        shape.Topics.Single(t => t.Name == "med.a").Retention.Should().Be(TimeSpan.FromDays(7));
        shape.Topics.Single(t => t.Name == "med.a").ConsumerGroups.Should().Be(2);
        shape.Topics.Single(t => t.Name == "hi.b").ConsumerGroups.Should().Be(1, "a topic no group reads still has someone reading it after the migration");
    }

    [Test]
    public void Tasks_per_class_workers_and_heap_follow_the_formulas()
    {
        // Per task: 1 task knee 1,200/s (0.6 MB/s), 2 tasks knee 2,000/s (0.8 MB/s) -> the lower, 1,000/s and 0.4 MB/s.
        // high:   ceil(4,000 x 2 / 1,000) = 8 by records, ceil(2.0 x 2 / 0.4) = 10 by bytes -> 10
        // medium: ceil(600 x 2 / 1,000) = 2 by records,   ceil(0.6 x 2 / 0.4) = 3 by bytes  -> 3
        // 13 tasks at 2 per worker (the most measured) -> ceil(13 / 2) + 1 = 8 workers.
        // Memory: 100 MiB at 1 task, 130 MiB at 2 -> 30 per task + 70 base; after one failure ceil(13 / 7) = 2 tasks
        // per worker -> (70 + 60) x 1.5 = 195 MiB.
        IReadOnlyList<CapacityCurve> curves = [SizingProfiles.Curve(1, 1200, 0.6, 100), SizingProfiles.Curve(2, 2000, 0.8, 130)];

        var sizing = ReplicatorModel.Size(curves, SizingProfiles.Shape(), new SizingSpec { Headroom = 2, MemoryMargin = 0.5 });

        sizing.PerTask.Should().Be(new PerTaskCapacity(1000, 0.4, 2));
        sizing.MaxSustainableRecordsPerSecond.Should().Be(2000);
        sizing.MaxSustainableTasks.Should().Be(2);
        sizing.Classes.Select(c => (c.Class, c.Tasks)).Should().Equal(("high", 10), ("medium", 3));
        sizing.TotalTasks.Should().Be(13);
        sizing.TasksPerWorker.Should().Be(2);
        sizing.Workers.Should().Be(8);
        sizing.BaseMemoryMiB.Should().Be(70);
        sizing.MemoryPerTaskMiB.Should().Be(30);
        sizing.HeapPerWorkerMiB.Should().Be(195);
    }

    [Test]
    public void A_class_needs_at_least_one_task_and_a_whole_quotient_is_not_rounded_up()
    {
        var perTask = new PerTaskCapacity(1000, 0.4, 1);

        ReplicatorModel.TasksFor(10, 0.001, 2, perTask).Should().Be(1);
        ReplicatorModel.TasksFor(600, 0.6, 2, perTask).Should().Be(3, "1.2 / 0.4 is 3 on paper, 3.0000000000000004 in floating point");
        ReplicatorModel.TasksFor(1001, 0.1, 1, perTask).Should().Be(2);
    }

    [Test]
    public void Without_a_knee_nothing_is_sized()
    {
        var failed = new CapacityCurve { Tasks = 1, Levels = [new LoadLevelResult { Multiplier = 1, OfferedRecordsPerSecond = 10, Passed = false }] };

        var sizing = ReplicatorModel.Size([failed], SizingProfiles.Shape(), new SizingSpec());

        sizing.PerTask.Should().BeNull();
        sizing.MaxSustainableRecordsPerSecond.Should().BeNull();
        sizing.TotalTasks.Should().Be(0);
        sizing.Workers.Should().Be(0);
        sizing.HeapPerWorkerMiB.Should().BeNull();
    }
}
