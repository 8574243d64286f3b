using System.Globalization;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Reports.Model;

namespace Harness.Engine.Orchestration;

/// <summary>
/// Turns what the replicator watch saw into checks that every run has: exits no fault asked for (crashes), with the
/// restarts made after them, and metric gaps. The same for every kind of replicator: a process that exits and a
/// Connect task that fails are both an exit to the watch.
/// </summary>
internal static class HealthChecks
{
    /// <summary>The health checks and the health summary for the report.</summary>
    /// <param name="expect">What the scenario tolerates.</param>
    /// <param name="incidents">The watch's records (faults too; only its incidents count).</param>
    /// <param name="gaps">The metric gaps, in run seconds; an unfinished one lasts to <paramref name="watchEnd"/>.</param>
    /// <param name="hasMetrics">Whether the replicator has a metrics source at all.</param>
    /// <param name="watchEnd">When the watch stopped, in run seconds.</param>
    public static (List<CheckResult> Checks, ReplicatorHealth Health) Evaluate(ReplicatorHealthExpectation expect, IReadOnlyList<FaultRecord> incidents,
        IReadOnlyList<(double Start, double? End)> gaps, bool hasMetrics, double watchEnd)
    {
        var exits = incidents.Where(r => r.Kind == "replicatorExit").ToList();
        var restarts = incidents.Count(r => r.Kind == "replicatorRestart");
        var lengths = gaps.Select(g => Math.Max(0, (g.End ?? watchEnd) - g.Start)).ToList();
        var longest = lengths.DefaultIfEmpty(0).Max();
        var health = new ReplicatorHealth { Crashes = exits.Count, Restarts = restarts, MetricGaps = gaps.Count, LongestGapSeconds = Math.Round(longest, 1) };

        var crashesPassed = exits.Count <= expect.Crashes;
        var crashes = new CheckResult
        {
            Name = "replicator crashes",
            Passed = crashesPassed,
            Measured = exits.Count == 0 ? "no unplanned exits"
                : $"{Count(exits.Count, "unplanned exit")} (at {string.Join(", ", exits.Select(e => S(e.StartSeconds ?? 0) + "s"))}), {Count(restarts, "restart")}",
            Expected = $"<= {expect.Crashes} (expect.replicator.crashes)",
            Message = crashesPassed ? null
                : $"the replicator exited {Count(exits.Count, "time")} without a fault asking for it, more than the {expect.Crashes} allowed"
                    + (expect.Crashes == 0 ? "; a scenario that expects crashes (heap pressure) declares expect.replicator.crashes" : ""),
        };

        var tooLong = expect.MaxGap is { } max ? lengths.Count(l => l > max.TotalSeconds) : 0;
        var gapsPassed = gaps.Count <= expect.MetricGaps && tooLong == 0;
        var measured = !hasMetrics ? "the replicator exposes no metrics"
            : gaps.Count == 0 ? "no gaps"
            : $"{Count(gaps.Count, "gap")} ({string.Join(", ", gaps.Select((g, i) => $"from {S(g.Start)}s, {S(lengths[i])}s long{(g.End is null ? " to the end" : "")}"))})";
        var metricGaps = new CheckResult
        {
            Name = "replicator metric gaps",
            Passed = gapsPassed,
            Measured = measured,
            Expected = $"<= {expect.MetricGaps} of more than {S(expect.MetricsGap.TotalSeconds)}s (expect.replicator.metricGaps){(expect.MaxGap is { } m ? $", each <= {S(m.TotalSeconds)}s (maxGap)" : "")}",
            Message = gapsPassed ? null
                : tooLong > 0 ? $"{Count(tooLong, "metric gap")} lasted longer than the {S(expect.MaxGap!.Value.TotalSeconds)}s allowed; the replicator was running but not reporting (the heap-pressure incident looked like this)"
                : $"the replicator's metrics stopped {Count(gaps.Count, "time")} while it ran, more than the {expect.MetricGaps} allowed; the heap-pressure incident first showed as this",
        };
        return ([crashes, metricGaps], health);
    }

    private static string Count(int n, string what) => $"{n.ToString(CultureInfo.InvariantCulture)} {what}{(n == 1 ? "" : "s")}";

    private static string S(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture);
}
