using System.Globalization;
using System.Reflection;
using Harness.Engine.Chaos;
using Harness.RdKafka;
using Harness.Reports.Model;
using ReportAnomaly = Harness.Reports.Model.AnomalyExample;
using ReportAnomalyClass = Harness.Reports.Model.AnomalyClass;
using ReportParity = Harness.Reports.Model.PartitionParity;

namespace Harness.Engine.Orchestration;

/// <summary>Maps what a run measured into the report model, whatever phase it reached.</summary>
internal static class RunResultBuilder
{
    private static string HarnessVersion =>
        typeof(RunResultBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    public static RunResult Build(RunContext run, DateTimeOffset started, string scenarioText, Verdict verdict, string? partialReason, string? error)
    {
        var (p50, p95, p99, max, count) = run.Latency.Summary();
        var samples = run.StartedSampler?.Samples ?? [];
        var duplicateTimes = run.Verifier?.DuplicateTimes ?? [];
        var scheduled = run.Faults.ToDictionary(f => f.Fault.Id, f => f.RecoverWithin ?? run.Scenario.Expect.Recovery.Within, StringComparer.Ordinal);
        var faults = (run.Chaos?.Records ?? []).Select(r =>
        {
            // Watch incidents are no faults the scenario scheduled: they have no recovery of their own to measure.
            var isFault = scheduled.TryGetValue(r.Id, out var within);
            var recovery = isFault ? FaultRecovery.Measure(r, samples, duplicateTimes) : null;
            return new FaultEntry
            {
                Id = r.Id,
                Kind = r.Kind,
                Target = r.Target,
                StartSeconds = r.StartSeconds ?? 0,
                EndSeconds = r.EndSeconds,
                MeasuredEffect = FaultEffects.Describe(r, samples, duplicateTimes),
                RecoverySeconds = recovery?.RecoveredAfter,
                RecoverWithinSeconds = within?.TotalSeconds,
                Duplicates = recovery?.Duplicates,
            };
        }).ToList();
        var cutover = CutoverReport.Build(run.Scenario, run.Timeline);
        var finished = run.Time.GetUtcNow();
        return new RunResult
        {
            RunId = run.RunId.ToString("x16", CultureInfo.InvariantCulture),
            Scenario = new ScenarioInfo { Name = run.Scenario.Name, Description = run.Scenario.Description ?? "", Text = scenarioText },
            StartedUtc = started,
            FinishedUtc = finished,
            Duration = finished - started,
            Partial = partialReason is not null,
            PartialReason = partialReason,
            Verdict = verdict,
            ErrorMessage = error,
            Environment = RunEnvironment.Capture(HarnessVersion, run.StartedSource?.Backend ?? "none", run.StartedTarget?.Backend ?? "none",
                run.StartedReplicator?.Kind ?? run.Scenario.Replicator.Kind) with
            {
                Librdkafka = LibraryResolver.Describe(),
                SourceCaFile = CaFile(run.StartedSource, run.Scenario.Clusters.Source),
                TargetCaFile = CaFile(run.StartedTarget, run.Scenario.Clusters.Target),
            },
            Checks = [.. run.Checks],
            Parity = run.Verification?.Result.Partitions.Select(ToReport).ToList() ?? [],
            Anomalies = run.Verification?.Result.Examples.Select(ToReport).ToList() ?? [],
            Latency = count == 0 ? null : new LatencySummary { P50Ms = p50, P95Ms = p95, P99Ms = p99, MaxMs = max, SampleCount = count },
            CheckpointLatency = CheckpointSummary(run.CheckpointCoveredAfter.Values),
            ServiceLevels = [.. run.ServiceLevels],
            ReplicatorHealth = run.Health,
            OffsetTranslation = run.Translation,
            Switchover = run.Switchover,
            Connectors = run.StartedReplicator?.Connect?.Report(started) ?? [],
            Resources = [.. run.Resources],
            Preflight = run.Preflight,
            Faults = faults,
            Apps = [.. run.AppReports],
            Cutover = cutover,
            TimeSeries = new TimeSeries
            {
                Samples = samples,
                Markers = [.. faults.Where(f => f.StartSeconds > 0 || f.EndSeconds is not null).Select(FaultMarker.From),
                    .. cutover.Where(c => c.StartSeconds is not null).Select(c => new FaultMarker { Label = "cut-over " + c.Action, OffsetSeconds = c.StartSeconds!.Value, EndOffsetSeconds = c.EndSeconds })],
            },
        };
    }

    /// <summary>The CA the run's clients trusted for a cluster: the scenario's, else the one the cluster generated.</summary>
    private static string? CaFile(Clusters.IKafkaCluster? cluster, Scenarios.ClusterSpec spec) =>
        spec.Security.UsesTls && (spec.Security.CaFile ?? cluster?.CaFile) is { } file ? Path.GetFullPath(file) : null;

    private static LatencySummary? CheckpointSummary(IEnumerable<TimeSpan> coveredAfter)
    {
        var sorted = coveredAfter.Select(t => t.TotalMilliseconds).Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        double At(double percentile) => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        return new LatencySummary { P50Ms = At(50), P95Ms = At(95), P99Ms = At(99), MaxMs = sorted[^1], SampleCount = sorted.Count };
    }

    private static ReportParity ToReport(Verification.PartitionParity p) => new()
    {
        SourceTopic = p.SourceTopic,
        TargetTopic = p.TargetTopic,
        Partition = p.Partition,
        Produced = p.Produced,
        Replicated = p.Replicated,
        Lost = p.Lost,
        Duplicated = p.Duplicated,
        Reordered = p.Reordered,
        Corrupted = p.Corrupted,
        Misrouted = p.Misrouted,
        Unexpected = p.Unexpected,
        Aborted = p.Aborted,
        AbortedCopied = p.AbortedCopied,
        Compacted = p.Compacted,
        Keys = p.Keys,
        KeysLost = p.KeysLost,
        StaleKeys = p.StaleKeys,
        KeysReordered = p.KeysReordered,
    };

    private static ReportAnomaly ToReport(Verification.AnomalyExample e) => new()
    {
        Class = (ReportAnomalyClass)(int)e.Class,
        Topic = e.SourceTopic.Length > 0 ? e.SourceTopic : e.TargetTopic,
        Partition = e.SourcePartition >= 0 ? e.SourcePartition : e.TargetPartition,
        Sequence = e.Sequence >= 0 ? e.Sequence : null,
        SourceOffset = e.SourceOffset >= 0 ? e.SourceOffset : null,
        TargetOffset = e.TargetOffset >= 0 ? e.TargetOffset : null,
        Detail = $"{e.Detail} (target {e.TargetTopic}/{e.TargetPartition})",
    };
}
