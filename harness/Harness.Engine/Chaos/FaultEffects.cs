using System.Globalization;
using Harness.Engine.Runs;
using Harness.Reports.Model;

namespace Harness.Engine.Chaos;

/// <summary>
/// Measures what a fault did from the run's time series: peak lag while it lasted and shortly after, how
/// long replication took to resume after recovery, the duplicates the verifier read in that window, and when
/// lag was back to its level before the fault.
/// </summary>
internal static class FaultEffects
{
    private static readonly double Settle = 60;

    public static string Describe(FaultRecord record, IReadOnlyList<MetricSample> samples, IReadOnlyList<double> duplicateTimes)
    {
        if (record.StartSeconds is not { } start)
        {
            return record.Note;
        }

        var end = record.EndSeconds ?? start;
        var before = samples.LastOrDefault(s => s.OffsetSeconds <= start)?.LagRecords ?? 0;
        var window = samples.Where(s => s.OffsetSeconds >= start && s.OffsetSeconds <= end + Settle).ToList();
        if (window.Count == 0)
        {
            return record.Note;
        }

        var peak = window.Max(s => s.LagRecords);
        var parts = new List<string> { record.Note, $"lag {N(before)} before, peak {N(peak)}" };
        var resumed = samples.FirstOrDefault(s => s.OffsetSeconds > end && s.ReplicateRate > 0);
        if (resumed is not null)
        {
            parts.Add($"replication flowing {resumed.OffsetSeconds - end:0.0}s after recovery");
        }

        var duplicates = duplicateTimes.Count(t => t >= start && t <= end + Settle);
        parts.Add($"{N(duplicates)} duplicates read between its start and {Settle:0}s after recovery");
        var settled = samples.FirstOrDefault(s => s.OffsetSeconds > end && s.LagRecords <= Math.Max(before * 1.1, before + 100));
        parts.Add(settled is null ? "lag not back to its earlier level within the run" : $"lag back to its earlier level {settled.OffsetSeconds - end:0.0}s after recovery");
        return string.Join("; ", parts);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
