using System.Globalization;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Engine.Verification;
using Harness.Reports.Model;

namespace Harness.Engine.Orchestration;

/// <summary>
/// Judges end-to-end replication latency (from the harness's own stamps, so any replicator) and checkpoint latency
/// against the scenario's bounds: one check per bound, with the measured value and, when it fails, the worst window.
/// </summary>
internal static class LatencyChecks
{
    /// <summary>The latency checks of <paramref name="expect"/>, and each bound with its measured value for the report.</summary>
    /// <param name="expect">The scenario's expectations.</param>
    /// <param name="latency">Every record's latency, overall and per topic.</param>
    /// <param name="topics">The run's source topics in the order the verifier indexes them, with their volume class.</param>
    /// <param name="samples">The run's time series, to find the worst window.</param>
    /// <param name="faults">The faults and incidents of the run, to name the one active in the worst window.</param>
    public static (List<CheckResult> Checks, List<ServiceLevelBound> Bounds) Evaluate(ExpectSpec expect, LatencyRecorder latency,
        IReadOnlyList<(string Name, TopicVolume? Volume)> topics, IReadOnlyList<MetricSample> samples, IReadOnlyList<FaultRecord> faults)
    {
        var checks = new List<CheckResult>();
        var bounds = new List<ServiceLevelBound>();
        Judge(expect.Latency.Overall, "", "all", null, latency, samples, faults, checks, bounds);
        foreach (var (name, topicBounds) in expect.Latency.ByTopic)
        {
            var index = Enumerable.Range(0, topics.Count).Where(i => topics[i].Name == name).ToList();
            Judge(topicBounds, $" (topic {name})", $"topic {name}", index, latency, samples, faults, checks, bounds);
        }

        foreach (var (volume, volumeBounds) in expect.Latency.ByVolume)
        {
            var label = volume.ToString().ToLowerInvariant();
            var index = Enumerable.Range(0, topics.Count).Where(i => topics[i].Volume == volume).ToList();
            Judge(volumeBounds, $" (volume {label})", $"volume {label}", index, latency, samples, faults, checks, bounds);
        }

        return (checks, bounds);
    }

    /// <summary>
    /// The checkpoint latency checks: from each group partition's commit to the first checkpoint covering it. A group
    /// partition no checkpoint ever covered counts as slower than any bound.
    /// </summary>
    public static (List<CheckResult> Checks, List<ServiceLevelBound> Bounds) EvaluateCheckpoints(LatencyBounds expected, int committed,
        IReadOnlyDictionary<(string Group, string Topic, int Partition), TimeSpan> coveredAfter)
    {
        var checks = new List<CheckResult>();
        var bounds = new List<ServiceLevelBound>();
        var sorted = coveredAfter.Values.Select(t => t.TotalMilliseconds).Order().ToList();
        var uncovered = Math.Max(0, committed - sorted.Count);
        foreach (var (key, percentile, bound) in expected.Each())
        {
            var name = $"checkpoint latency {key}";
            double? measured = committed == 0 ? null : NearestRank(sorted, committed, percentile);
            var passed = measured is { } m && m <= bound.TotalMilliseconds;
            var over = measured is null ? "no consumer group was committed, so no checkpoint could be waited for"
                : double.IsPositiveInfinity(measured.Value) ? $"{N(uncovered)} of {N(committed)} group partitions were never covered by a checkpoint"
                : $"{Ms(measured.Value)} over {N(committed)} group partitions";
            checks.Add(new CheckResult
            {
                Name = name,
                Passed = passed,
                Measured = over,
                Expected = $"<= {Ms(bound.TotalMilliseconds)} (expect.checkpointLatency.{key})",
                Message = passed ? null : measured is null || double.IsPositiveInfinity(measured.Value)
                    ? $"checkpoint latency {key} could not be measured within the bound: {over}"
                    : $"checkpoint latency {key} of {Ms(measured.Value)} is over the {Ms(bound.TotalMilliseconds)} bound",
            });
            bounds.Add(new ServiceLevelBound
            {
                Check = name,
                Metric = "checkpointLatency",
                Statistic = key,
                BoundMs = bound.TotalMilliseconds,
                MeasuredMs = measured is { } v && double.IsFinite(v) ? v : null,
                Passed = passed,
            });
        }

        return (checks, bounds);
    }

    /// <summary>The nearest-rank percentile of <paramref name="total"/> values of which <paramref name="sorted"/> are known; the rest are infinite.</summary>
    private static double NearestRank(List<double> sorted, int total, double percentile)
    {
        var rank = Math.Max(1, (int)Math.Ceiling(percentile / 100 * total));
        return rank <= sorted.Count ? sorted[rank - 1] : double.PositiveInfinity;
    }

    /// <summary>One check per bound of <paramref name="expected"/>, named "latency STATISTIC" and <paramref name="suffix"/>.</summary>
    private static void Judge(LatencyBounds expected, string suffix, string scope, IReadOnlyCollection<int>? topics, LatencyRecorder latency,
        IReadOnlyList<MetricSample> samples, IReadOnlyList<FaultRecord> faults, List<CheckResult> checks, List<ServiceLevelBound> bounds)
    {
        var count = latency.CountOf(topics);
        foreach (var (key, percentile, bound) in expected.Each())
        {
            var check = $"latency {key}{suffix}";
            var measured = latency.ValueAt(percentile, topics);
            var passed = measured is { } m && m <= bound.TotalMilliseconds;
            string? message = null;
            if (!passed)
            {
                var window = WorstWindow.Describe(key, samples, faults);
                message = measured is null
                    ? "no record's latency was measured (no stamped record was read while the run was live)"
                    : $"{key} {Ms(measured.Value)} is over the {Ms(bound.TotalMilliseconds)} bound{(window is null ? "" : "; " + window)}";
            }

            checks.Add(new CheckResult
            {
                Name = check,
                Passed = passed,
                Measured = measured is { } value ? $"{Ms(value)} over {N(count)} records" : "not measured",
                Expected = $"<= {Ms(bound.TotalMilliseconds)}",
                Message = message,
            });
            bounds.Add(new ServiceLevelBound
            {
                Check = check,
                Metric = "latency",
                Statistic = key,
                Scope = scope,
                BoundMs = bound.TotalMilliseconds,
                MeasuredMs = measured,
                Passed = passed,
            });
        }
    }

    private static string Ms(double ms) => $"{ms.ToString("N0", CultureInfo.InvariantCulture)} ms";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
