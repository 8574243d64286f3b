using Harness.Reports.Model;

namespace Harness.Reports.Tests;

/// <summary>Run results for the tests: one rich failing run with secrets in its scenario, and a bare one.</summary>
internal static class SampleRuns
{
    public const string SecretMarker = "hunter2";

    public const string ScenarioYaml = """
        name: smoke-faults
        source:
          backend: embedded
          brokers: 3
          client:
            sasl.jaas.config: org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="hunter2-jaas";
            ssl.key.password: hunter2-key
        target:
          backend: external
          bootstrap: target.local:9092
          password: hunter2-target
        replicator:
          kind: builtin
          token: |
            hunter2-block-1
            hunter2-block-2
        load:
          rate: 1000
        """;

    public static RunResult Failing()
    {
        var faults = new[]
        {
            new FaultEntry
            {
                Id = "f1", Kind = "broker-kill", Target = "source/broker-1", StartSeconds = 30, EndSeconds = 45,
                MeasuredEffect = "lag peaked at 4,200 records", RecoverySeconds = 2.5, RecoverWithinSeconds = 30, Duplicates = 0,
            },
            new FaultEntry { Id = "f2", Kind = "replicator-sigkill", Target = "replicator", StartSeconds = 80, MeasuredEffect = "3 duplicates" },
        };

        return new RunResult
        {
            RunId = "run-20250301-0001",
            Scenario = new ScenarioInfo { Name = "smoke-faults", Description = "Smoke test with two faults", Text = ScenarioYaml },
            StartedUtc = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero),
            FinishedUtc = new DateTimeOffset(2025, 3, 1, 10, 2, 5, 250, TimeSpan.Zero),
            Duration = TimeSpan.FromMilliseconds(125_250),
            Verdict = Verdict.Failed,
            Environment = Environment(),
            Checks =
            [
                new CheckResult { Name = "no-loss", Passed = true, Measured = "0 lost", Expected = "0 lost" },
                new CheckResult
                {
                    Name = "no-duplicates", Passed = false, Measured = "3 duplicated", Expected = "0 duplicated",
                    Message = "3 records were replicated twice after f2",
                },
                new CheckResult { Name = "order per partition", Passed = true, Measured = "0 reordered", Expected = "0 reordered" },
                new CheckResult
                {
                    Name = "offset-translation-never-ahead", Passed = false, Measured = "1 ahead", Expected = "0 ahead",
                },
            ],
            Parity =
            [
                Partition("orders", 0, produced: 61_234, duplicated: 3),
                Partition("orders", 1, produced: 60_877),
                Partition("payments", 0, produced: 12_345, lost: 0),
            ],
            Latency = new LatencySummary { P50Ms = 12.5, P95Ms = 48.25, P99Ms = 97.75, MaxMs = 1_234.5, SampleCount = 134_456 },
            ServiceLevels =
            [
                new ServiceLevelBound { Check = "latency p50", Metric = "latency", Statistic = "p50", BoundMs = 100, MeasuredMs = 12.5, Passed = true },
                new ServiceLevelBound { Check = "latency p99", Metric = "latency", Statistic = "p99", BoundMs = 50, MeasuredMs = 97.75, Passed = false },
                new ServiceLevelBound
                {
                    Check = "latency p99 (topic orders)", Metric = "latency", Statistic = "p99", Scope = "topic orders", BoundMs = 500, MeasuredMs = 98, Passed = true,
                },
            ],
            OffsetTranslation =
            [
                new OffsetTranslationRow
                {
                    Group = "billing", Topic = "orders", Partition = 0, SourceCommitted = 60_000, Translated = 59_950,
                    Exact = false, Redelivery = 50,
                },
                new OffsetTranslationRow
                {
                    Group = "audit", Topic = "payments", Partition = 0, SourceCommitted = 12_000, Translated = 12_007,
                    Ahead = true,
                },
                new OffsetTranslationRow { Group = "late", Topic = "orders", Partition = 1, SourceCommitted = 5 },
            ],
            Switchover =
            [
                new SwitchoverResult
                {
                    Group = "billing", ConsumerGroupId = "harness-switchover-billing", StartSource = SwitchoverStartSource.SyncedGroupOffset,
                    Complete = true, RecordsRead = 1_284, Unconsumed = 1_234, ReRead = 50,
                    Partitions =
                    [
                        new SwitchoverPartition
                        {
                            Topic = "orders", TargetTopic = "source.orders", Partition = 0, SourceCommitted = 60_000,
                            StartSource = SwitchoverStartSource.SyncedGroupOffset, StartOffset = 59_950, EndOffset = 61_234,
                            Unconsumed = 1_234, ReRead = 50,
                        },
                    ],
                },
                new SwitchoverResult
                {
                    Group = "audit", ConsumerGroupId = "harness-switchover-audit", StartSource = SwitchoverStartSource.Checkpoint,
                    Complete = true, RecordsRead = 338, Unconsumed = 345, Missing = 7,
                    Partitions =
                    [
                        new SwitchoverPartition
                        {
                            Topic = "payments", TargetTopic = "source.payments", Partition = 0, SourceCommitted = 12_000,
                            StartSource = SwitchoverStartSource.Checkpoint, StartOffset = 12_007, EndOffset = 12_345,
                            Unconsumed = 345, Missing = 7,
                        },
                        new SwitchoverPartition
                        {
                            Topic = "payments", TargetTopic = "source.payments", Partition = 1, StartSource = SwitchoverStartSource.Earliest,
                        },
                    ],
                },
            ],
            Anomalies =
            [
                new AnomalyExample
                {
                    Class = AnomalyClass.Duplicated, Topic = "orders", Partition = 0, Sequence = 40_001,
                    SourceOffset = 40_001, TargetOffset = 40_107, Detail = "second copy after replicator restart",
                },
                new AnomalyExample { Class = AnomalyClass.Unexpected, Topic = "source.orders", Partition = 1, Detail = "no stamp" },
            ],
            Faults = faults,
            TimeSeries = new TimeSeries
            {
                Samples = [.. Enumerable.Range(0, 125).Select(Sample)],
                Markers = [.. faults.Select(FaultMarker.From)],
            },
        };
    }

    /// <summary>Pre-flight findings with one of each kind of row.</summary>
    public static PreflightReport Preflight() => new()
    {
        Clusters =
        [
            new PreflightCluster
            {
                Cluster = "source", Principal = "User:rehearsal", Brokers = 3, InferredVersion = "at least 3.0 (inferred from DescribeProducers)", Acls = "4 ACLs visible",
                Apis = [new PreflightApi { Key = 0, Name = "Produce", Needed = 3, MinVersion = 0, MaxVersion = 9, Purpose = "the load", Status = "ok" }],
            },
            new PreflightCluster
            {
                Cluster = "target", StartedByHarness = true, Principal = "User:ANONYMOUS", Brokers = 1, Acls = "no authorizer",
                Apis = [new PreflightApi { Key = 37, Name = "CreatePartitions", Needed = 0, Purpose = "MM2 grows target topics", Status = "missing" }],
            },
        ],
        TopicDifferences =
        [
            new PreflightTopicDifference { SourceTopic = "orders", TargetTopic = "source.orders", Setting = "min.insync.replicas", SourceValue = "2", TargetValue = "1", Mm2 = "never synced" },
        ],
        AclDifferences =
        [
            new PreflightAclDifference
            {
                Cluster = "source", Resource = "topic orders (literal)", AppliesTo = "orders", Principal = "User:app", Host = "*", Operation = "ALL", Permission = "ALLOW",
                Mm2 = "synced as ALLOW READ",
            },
        ],
        Probes =
        [
            new PreflightProbe { Cluster = "source", Principal = "User:rehearsal", Topic = "orders", Operation = "READ", Outcome = "allowed", Detail = "Metadata" },
            new PreflightProbe { Cluster = "source", Principal = "User:rehearsal", Topic = "audit", Operation = "READ", Outcome = "denied", Detail = "not in the topic's authorized operations" },
        ],
    };

    public static RunResult Bare(Verdict verdict = Verdict.Passed) => new()
    {
        RunId = "run-bare",
        Scenario = new ScenarioInfo { Name = "bare" },
        StartedUtc = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero),
        FinishedUtc = new DateTimeOffset(2025, 3, 1, 10, 0, 1, TimeSpan.Zero),
        Duration = TimeSpan.FromSeconds(1),
        Verdict = verdict,
        Environment = Environment(),
    };

    public static RunResult Partial() => Failing() with
    {
        Verdict = Verdict.Partial,
        Partial = true,
        PartialReason = "interrupted by Ctrl-C during drain",
    };

    private static RunEnvironment Environment() => new()
    {
        MachineName = "ci-runner-7",
        OperatingSystem = "Debian GNU/Linux 12",
        DotNetVersion = ".NET 10.0.0",
        HarnessVersion = "0.3.0-test",
        SourceClusterBackend = "embedded",
        TargetClusterBackend = "containers",
        ReplicatorKind = "builtin",
    };

    private static PartitionParity Partition(string topic, int partition, long produced, long duplicated = 0, long lost = 0) => new()
    {
        SourceTopic = topic,
        TargetTopic = "source." + topic,
        Partition = partition,
        Produced = produced,
        Replicated = produced - lost,
        Lost = lost,
        Duplicated = duplicated,
    };

    private static MetricSample Sample(int second)
    {
        var faulted = second is >= 30 and < 45;
        return new MetricSample
        {
            OffsetSeconds = second,
            ProduceRate = 1000,
            ReplicateRate = faulted ? 400 : 1000.5,
            LagRecords = faulted ? (second - 29) * 280 : 20,
            LagMs = faulted ? (second - 29) * 1000.0 : 15.5,
            LatencyP50Ms = 12.5,
            LatencyP99Ms = faulted ? 900 : 95,

            // The replicator restarted after f2 (80 s) and reported no memory for a few seconds: a gap.
            ReplicatorRssMiB = second is >= 80 and < 83 ? null : 180.25,
            GcHeapMiB = second is >= 80 and < 83 ? null : 64,
            SourceBrokersUp = faulted ? 2 : 3,
            TargetBrokersUp = 3,
        };
    }
}
