using Harness.Reports.Sizing;

namespace Harness.Reports.Tests.Sizing;

/// <summary>A sizing report with two curves, a throttled-looking knee at 1,000 records/s per task, and one risk.</summary>
internal static class SizingSamples
{
    public static SizingReport Report(double perTaskKnee = 1000) => new()
    {
        Scenario = "logging-cluster-sizing",
        StartedUtc = new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero),
        DurationSeconds = 312.4,
        ReplicatorKind = "builtin",
        SloP99Ms = 2000,
        Headroom = 2,
        Curves = [Curve(1, perTaskKnee), Curve(4, perTaskKnee * 4)],
        Replicator = new ReplicatorSizing
        {
            MaxSustainableRecordsPerSecond = perTaskKnee * 4,
            MaxSustainableTasks = 4,
            PerTask = new PerTaskCapacity(perTaskKnee, perTaskKnee * 380 / 1e6, 1),
            Classes =
            [
                new ClassSizing { Class = "high", Topics = ["web.access-logs", "nginx.access-logs"], PeakRecordsPerSecond = 4450, PeakMegabytesPerSecond = 1.554, Tasks = 9 },
                new ClassSizing { Class = "low", Topics = ["nginx.error-logs"], PeakRecordsPerSecond = 400, PeakMegabytesPerSecond = 0.112, Tasks = 1 },
            ],
            TotalTasks = 10,
            TasksPerWorker = 4,
            Workers = 4,
            BaseMemoryMiB = 80,
            MemoryPerTaskMiB = 20,
            HeapPerWorkerMiB = 240,
        },
        TargetCluster = new TargetClusterSizing
        {
            IngressMegabytesPerSecond = 2.239,
            EgressMegabytesPerSecond = 5.066,
            ReplicationMegabytesPerSecond = 4.478,
            ReplicationFactor = 3,
            Partitions = 23,
            PartitionReplicas = 69,
            RetainedGigabytes = 295.1,
            BackfillGigabytes = 2000,
            StorageGigabytes = 8261.9,
            CutoverStorageGigabytes = 12392.4,
            Options =
            [
                new BrokerOption { Instance = "kafka.m5.large", Brokers = 3, LimitedBy = "replication factor", PartitionsPerBroker = 23, StoragePerBrokerGigabytes = 2754, StorageWriteMiBPerSecond = 2.1 },
                new BrokerOption { Instance = "kafka.m5.xlarge", Brokers = 3, LimitedBy = "replication factor", PartitionsPerBroker = 23, StoragePerBrokerGigabytes = 2754, StorageWriteMiBPerSecond = 2.1 },
            ],
            Recommended = "kafka.m5.large",
        },
        Assumptions = [new("kafka.m5.large: partitions per broker", "1,000", "https://docs.aws.amazon.com/msk/latest/developerguide/bestpractices.html")],
        Risks = ["Backfill plus growth over the 14-day cut-over window needs 12,392.4 GB, more than the 8,261.9 GB provisioned."],
    };

    private static CapacityCurve Curve(int tasks, double knee) => new()
    {
        Tasks = tasks,
        ThrottlePerTask = 1000,
        KneeRecordsPerSecond = knee,
        KneeMegabytesPerSecond = knee * 380 / 1e6,
        Levels =
        [
            Level(1, knee * 2, knee, 5200, passed: false),
            Level(0.45, knee * 0.9, knee * 0.9, 180, passed: true),
            Level(0.5, knee, knee, 420, passed: true),
            Level(0.525, knee * 1.05, knee, 2600, passed: false),
        ],
    };

    private static LoadLevelResult Level(double multiplier, double offered, double replicated, double p99, bool passed) => new()
    {
        Multiplier = multiplier,
        OfferedRecordsPerSecond = offered,
        ProduceRecordsPerSecond = offered,
        ReplicateRecordsPerSecond = replicated,
        ReplicateMegabytesPerSecond = replicated * 380 / 1e6,
        LatencyP50Ms = p99 / 3,
        LatencyP99Ms = p99,
        LagSlopeRecordsPerSecond = passed ? 0 : offered - replicated,
        ReplicatorRssMiB = 100,
        ReplicatorHeapMiB = 12,
        Passed = passed,
        Reason = passed ? null : "lag grew",
        RunDirectory = $"levels/x{multiplier}",
    };
}
