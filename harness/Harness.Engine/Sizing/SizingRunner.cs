using System.Globalization;
using Harness.Engine.Orchestration;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Reports.Sizing;

namespace Harness.Engine.Sizing;

/// <summary>
/// Runs <c>harness size</c>: one capacity curve per replicator setting (each level a full rehearsal through
/// <see cref="RunOrchestrator"/>, its run folder kept under <c>levels/</c>), the knee of each, then the sizing model.
/// </summary>
/// <param name="log">Receives one line per level and curve.</param>
/// <param name="registry">The cluster and replicator kinds; the default when null.</param>
/// <param name="time">The clock of the run; the system's when null.</param>
public sealed class SizingRunner(TextWriter log, HarnessRegistry? registry = null, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Whether a level has run its pre-flight checks: the later ones, on identical fresh clusters, skip them.</summary>
    private bool _preflightRun;

    /// <summary>Measures and sizes; the report is also written to <paramref name="outputDirectory"/>.</summary>
    public async Task<SizingReport> RunAsync(Scenario scenario, SizingSpec spec, InstanceTable? table, string outputDirectory, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(spec);
        var started = _time.GetUtcNow();
        var levelShape = ProfileShape.From(scenario, spec.DefaultRetention);
        if (levelShape.MeanRecordsPerSecond <= 0)
        {
            throw new HarnessException("the profile has no open-model rate to scale (keepConstant topics only); give its topics rates", ExitCodes.BadInput);
        }

        var judge = new LevelJudge(spec.SloP99, spec.LagGrowth);
        var curves = new List<CapacityCurve>();
        foreach (var tasks in spec.Tasks)
        {
            var search = new KneeSearch(spec.Precision, spec.MaxLevels);
            var levels = await search.SearchAsync(spec.StartMultiplier, (m, ct) => RunLevelAsync(scenario, levelShape, judge, spec, tasks, m, outputDirectory, ct), cancellation).ConfigureAwait(false);
            var knee = KneeSearch.Knee(levels);
            var curve = new CapacityCurve
            {
                Tasks = tasks,
                ThrottlePerTask = spec.ThrottlePerTask,
                Levels = levels,
                KneeRecordsPerSecond = knee?.ReplicateRecordsPerSecond,
                KneeMegabytesPerSecond = knee?.ReplicateMegabytesPerSecond,
                // Above the knee only passes, or failures of the load generator: the replicator's limit was not reached.
                KneeIsLowerBound = knee is not null && levels.All(l => l.Passed || l.LoadGeneratorLimited || l.Multiplier < knee.Multiplier),
            };
            curves.Add(curve);
            await log.WriteLineAsync(F($"tasks {tasks}: knee {(knee is null ? "not found" : F($"{knee.ReplicateRecordsPerSecond:N0} records/s ({knee.ReplicateRecordsPerSecond / tasks:N0} per task)"))}{(curve.KneeIsLowerBound ? " (at least: the replicator kept up with every level the load generator could offer)" : "")}")).ConfigureAwait(false);
        }

        var profile = ProfileShape.From(scenario, spec.DefaultRetention, spec.Scale);
        var replicator = ReplicatorModel.Size(curves, profile, spec);
        var cluster = TargetClusterModel.Size(profile, spec, table);
        var report = new SizingReport
        {
            Scenario = scenario.Name,
            StartedUtc = started,
            DurationSeconds = Math.Round((_time.GetUtcNow() - started).TotalSeconds, 1),
            ReplicatorKind = scenario.Replicator.Kind,
            SloP99Ms = spec.SloP99.TotalMilliseconds,
            Headroom = spec.Headroom,
            Curves = curves,
            Replicator = replicator,
            TargetCluster = cluster,
            Assumptions = SizingNotes.Assumptions(spec, table, profile, replicator),
            Risks = SizingNotes.Risks(spec, table, curves, cluster, scenario),
        };
        SizingOutput.WriteAll(report, outputDirectory);
        return report;
    }

    private async Task<LoadLevelResult> RunLevelAsync(Scenario profile, ProfileShape shape, LevelJudge judge, SizingSpec spec, int tasks, double multiplier, string outputDirectory, CancellationToken cancellation)
    {
        var level = LevelScenario.Build(profile, shape, multiplier, tasks, spec.ThrottlePerTask, spec.LevelDuration);
        var offered = shape.MeanRecordsPerSecond * multiplier;
        var levels = Path.Combine(outputDirectory, "levels");
        RunOutcome outcome;
        LoadLevelResult result;
        await using (var cpu = new ReplicatorCpuSampler(levels.TrimStart('.', '/'), _time))
        {
            outcome = await new RunOrchestrator(registry: registry, time: _time)
                .RunAsync(level, new RunOptions { OutputRoot = levels, SkipPreflightOnOwnClusters = _preflightRun }, cancellation)
                .ConfigureAwait(false);
            _preflightRun = true;
            result = judge.Judge(outcome.Result, multiplier, offered, shape.MeanRecordBytes, Path.GetRelativePath(outputDirectory, outcome.RunDirectory));
            var plateau = LevelJudge.Plateau(outcome.Result.TimeSeries.Samples, offered);
            if (plateau.Count >= 2)
            {
                result = result with { ReplicatorCpuCores = cpu.CoresBetween(plateau[0].OffsetSeconds - 0.5, plateau[^1].OffsetSeconds + 0.5) };
            }
        }

        await log.WriteLineAsync(F($"tasks {tasks} x{multiplier:0.###}: offered {offered:N0}/s, produced {result.ProduceRecordsPerSecond:N0}/s, replicated {result.ReplicateRecordsPerSecond:N0}/s, p99 {result.LatencyP99Ms:N0} ms, CPU {result.ReplicatorCpuCores:0.##} cores, lag slope {result.LagSlopeRecordsPerSecond:N0}/s: {(result.Passed ? "pass" : "FAIL, " + result.Reason)}")).ConfigureAwait(false);
        return result;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
