using System.Globalization;
using Harness.Engine.Runs;
using Harness.Reports.Model;

namespace Harness.Engine.Orchestration;

/// <summary>Finds when latency was worst in the run's time series and which faults or incidents could have caused it.</summary>
internal static class WorstWindow
{
    /// <summary>
    /// Describes the sample interval with the highest latency (its p50 for a median bound, else its p99), naming the
    /// faults and incidents that overlapped it or the latency before it: a record read late in the window was produced
    /// that long earlier, so a stall that just ended is what delayed it. Null when no sample measured latency.
    /// </summary>
    public static string? Describe(string statistic, IReadOnlyList<MetricSample> samples, IReadOnlyList<FaultRecord> faults)
    {
        Func<MetricSample, double?> value = statistic == "p50" ? s => s.LatencyP50Ms : s => s.LatencyP99Ms;
        var worst = -1;
        for (var i = 0; i < samples.Count; i++)
        {
            if (value(samples[i]) is { } v && (worst < 0 || v > value(samples[worst])!.Value))
            {
                worst = i;
            }
        }

        if (worst < 0)
        {
            return null;
        }

        var end = samples[worst].OffsetSeconds;
        var start = worst > 0 ? samples[worst - 1].OffsetSeconds : Math.Max(0, end - 1);
        var latency = value(samples[worst])!.Value;
        var reach = start - (latency / 1000);
        var active = faults
            .Where(f => f.StartSeconds is { } s && s <= end && (f.EndSeconds ?? s) >= reach)
            .Select(f => f.EndSeconds is { } e ? $"{f.Id} {f.Kind} ({S(f.StartSeconds!.Value)}-{S(e)}s)" : $"{f.Id} {f.Kind} (at {S(f.StartSeconds!.Value)}s)")
            .ToList();
        var statisticName = statistic == "p50" ? "p50" : "p99";
        var when = $"the worst window was {S(start)}-{S(end)}s into the run ({statisticName} {latency.ToString("N0", CultureInfo.InvariantCulture)} ms)";
        return active.Count == 0 ? $"{when}, with no fault active" : $"{when}, during {string.Join(", ", active)}";
    }

    private static string S(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture);
}
