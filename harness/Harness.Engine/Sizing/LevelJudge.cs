using System.Globalization;
using Harness.Reports.Model;
using Harness.Reports.Sizing;

namespace Harness.Engine.Sizing;

/// <summary>
/// Reads one level's run over its plateau (the samples at the level's rate, without the first, where clients
/// settle, and the last, which the load ends part-way through): rates, latency, lag slope and memory, and whether it
/// held the SLO with bounded lag and the load generator delivered what was asked.
/// </summary>
/// <param name="slo">Replication latency p99 must be at most this.</param>
/// <param name="lagGrowth">Lag may grow at most this fraction of the offered rate.</param>
public sealed class LevelJudge(TimeSpan slo, double lagGrowth)
{
    /// <summary>The load generator must deliver at least this share of the offered rate for a level to count.</summary>
    public const double MinimumOffered = 0.9;

    /// <summary>Judges a level's result.</summary>
    /// <param name="result">The level's run.</param>
    /// <param name="multiplier">The level's multiplier.</param>
    /// <param name="offered">Records/s asked of the load generator on the plateau.</param>
    /// <param name="meanRecordBytes">Bytes per record of the mix, for MB/s.</param>
    /// <param name="runDirectory">The level's run folder.</param>
    public LoadLevelResult Judge(RunResult result, double multiplier, double offered, double meanRecordBytes, string? runDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var samples = result.TimeSeries.Samples;
        var window = Plateau(samples, offered);
        var produce = window.Count > 0 ? window.Average(s => s.ProduceRate) : 0;
        var replicate = window.Count > 0 ? window.Average(s => s.ReplicateRate) : 0;
        var p50s = window.Where(s => s.LatencyP50Ms is not null).Select(s => s.LatencyP50Ms!.Value).Order().ToList();
        var level = new LoadLevelResult
        {
            Multiplier = multiplier,
            OfferedRecordsPerSecond = Math.Round(offered, 1),
            ProduceRecordsPerSecond = Math.Round(produce, 1),
            ReplicateRecordsPerSecond = Math.Round(replicate, 1),
            ReplicateMegabytesPerSecond = Math.Round(replicate * meanRecordBytes / 1e6, 3),
            LatencyP50Ms = p50s.Count > 0 ? p50s[p50s.Count / 2] : null,
            LatencyP99Ms = window.Max(s => s.LatencyP99Ms),
            LagSlopeRecordsPerSecond = Math.Round(Slope(window), 1),
            LagAtEndRecords = window.Count > 0 ? window[^1].LagRecords : 0,
            ReplicatorRssMiB = samples.Max(s => s.ReplicatorRssMiB),
            ReplicatorHeapMiB = samples.Max(s => s.GcHeapMiB),
            CheckpointLatencyMs = samples.Max(s => s.CheckpointLatencyMaxMs),
            Passed = false,
            RunDirectory = runDirectory,
        };
        var reason = Reason(result, level, offered, window.Count);
        return level with
        {
            Passed = reason is null,
            Reason = reason,
            LoadGeneratorLimited = reason is not null && result.Verdict != Verdict.Error && !result.Partial && window.Count >= 2 && level.ProduceRecordsPerSecond < offered * MinimumOffered,
        };
    }

    /// <summary>The samples of the plateau: produce rate at half the offered rate or more, less the first and the last.</summary>
    public static IReadOnlyList<MetricSample> Plateau(IReadOnlyList<MetricSample> samples, double offered)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var at = samples.Select((s, i) => (s, i)).Where(x => x.s.ProduceRate >= offered / 2).Select(x => x.i).ToList();
        return at.Count < 3 ? [] : [.. samples.Skip(at[0] + 1).Take(at[^1] - at[0] - 1)];
    }
    /// <summary>Least-squares slope of lag over time, records/s; 0 with fewer than two samples.</summary>
    public static double Slope(IReadOnlyList<MetricSample> samples)
    {
        if (samples.Count < 2)
        {
            return 0;
        }

        var meanX = samples.Average(s => s.OffsetSeconds);
        var meanY = samples.Average(s => (double)s.LagRecords);
        var num = samples.Sum(s => (s.OffsetSeconds - meanX) * (s.LagRecords - meanY));
        var den = samples.Sum(s => (s.OffsetSeconds - meanX) * (s.OffsetSeconds - meanX));
        return den > 0 ? num / den : 0;
    }

    private string? Reason(RunResult result, LoadLevelResult level, double offered, int plateauSamples)
    {
        if (result.Verdict == Verdict.Error)
        {
            return $"the run failed: {result.ErrorMessage}";
        }

        if (result.Partial)
        {
            return $"the run was interrupted: {result.PartialReason}";
        }

        if (plateauSamples < 2)
        {
            return "the load never reached half the offered rate for long enough to measure";
        }

        if (level.ProduceRecordsPerSecond < offered * MinimumOffered)
        {
            return F($"the load generator delivered {level.ProduceRecordsPerSecond:0} of {offered:0} records/s");
        }

        if (level.LagSlopeRecordsPerSecond > offered * lagGrowth)
        {
            return F($"lag grew {level.LagSlopeRecordsPerSecond:0} records/s (over {lagGrowth:0.#%} of the offered rate)");
        }

        if (level.LatencyP99Ms is { } p99 && p99 > slo.TotalMilliseconds)
        {
            return F($"latency p99 {p99:0} ms over the SLO of {slo.TotalMilliseconds:0} ms");
        }

        return level.LatencyP99Ms is null ? "no replication latency was measured" : null;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
