using Harness.Reports;
using Harness.Reports.Model;

namespace Harness.Cli.Tests.Report;

/// <summary>Run folders written with the report writers, as `harness run` writes them, without running anything.</summary>
internal static class SyntheticRuns
{
    /// <summary>60,000 records in 30 s, p99 40 ms, peak lag 900 records, no duplicates or loss.</summary>
    public static RunResult Baseline() => new()
    {
        RunId = "baseline-run",
        Scenario = new ScenarioInfo { Name = "smoke", Text = "name: smoke\n" },
        StartedUtc = new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero),
        FinishedUtc = new DateTimeOffset(2025, 3, 1, 2, 0, 30, TimeSpan.Zero),
        Duration = TimeSpan.FromSeconds(30),
        Verdict = Verdict.Passed,
        Environment = new RunEnvironment
        {
            MachineName = "ci", OperatingSystem = "Linux", DotNetVersion = ".NET 10", HarnessVersion = "test",
            SourceClusterBackend = "embedded", TargetClusterBackend = "embedded", ReplicatorKind = "builtin",
        },
        Checks = [new CheckResult { Name = "no records lost", Passed = true, Measured = "0 lost", Expected = "0 lost" }],
        Parity =
        [
            new PartitionParity { SourceTopic = "orders", TargetTopic = "orders", Partition = 0, Produced = 30_000, Replicated = 30_000 },
            new PartitionParity { SourceTopic = "orders", TargetTopic = "orders", Partition = 1, Produced = 30_000, Replicated = 30_000 },
        ],
        Latency = new LatencySummary { P50Ms = 8, P95Ms = 25, P99Ms = 40, MaxMs = 120, SampleCount = 60_000 },
        TimeSeries = new TimeSeries
        {
            Samples = [.. Enumerable.Range(0, 30).Select(s => new MetricSample { OffsetSeconds = s, ProduceRate = 2000, ReplicateRate = 2000, LagRecords = s == 10 ? 900 : 100, LagMs = 50 })],
        },
    };

    /// <summary>The baseline with the injected regression: p99 latency from 40 to 100 ms.</summary>
    public static RunResult SlowerP99() => Baseline() with
    {
        RunId = "regressed-run",
        Latency = Baseline().Latency! with { P99Ms = 100 },
    };

    public static string Write(DirectoryInfo root, string name, RunResult run)
    {
        var folder = Path.Combine(root.FullName, "runs", name);
        ReportWriters.WriteAll(run, folder);
        return folder;
    }
}
