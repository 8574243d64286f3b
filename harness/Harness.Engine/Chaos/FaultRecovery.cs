using Harness.Engine.Runs;
using Harness.Reports.Model;

namespace Harness.Engine.Chaos;

/// <summary>
/// How replication came back after one fault, from the run's time series: lag before it and at its peak, when records
/// flowed again and when lag was back within a tolerance of its level before the fault, and the duplicates the
/// verifier read between the fault's start and its settling.
/// </summary>
/// <param name="LagBefore">Lag (records) at the last sample before the fault started.</param>
/// <param name="LagPeak">The largest lag from the fault's start to <see cref="FaultRecovery.Settle"/> after its end.</param>
/// <param name="FlowingAfter">Seconds from the fault's end until records flowed to the target again (or nothing was left to copy).</param>
/// <param name="LagBackAfter">Seconds from the fault's end until lag was back to its earlier level.</param>
/// <param name="Duplicates">Duplicates read between the fault's start and <see cref="FaultRecovery.Settle"/> after its end.</param>
internal sealed record FaultRecovery(long LagBefore, long LagPeak, double? FlowingAfter, double? LagBackAfter, long Duplicates)
{
    /// <summary>How long after its end a fault's effects are looked for.</summary>
    public const double Settle = 60;

    /// <summary>Seconds from the fault's end until replication had recovered in both senses, or null when it did not within the run.</summary>
    public double? RecoveredAfter => FlowingAfter is { } flowing && LagBackAfter is { } back ? Math.Max(flowing, back) : null;

    /// <summary>Measures <paramref name="record"/>; null for a fault that never ran or with no samples while it did.</summary>
    public static FaultRecovery? Measure(FaultRecord record, IReadOnlyList<MetricSample> samples, IReadOnlyList<double> duplicateTimes)
    {
        if (record.StartSeconds is not { } start)
        {
            return null;
        }

        var end = record.EndSeconds ?? start;
        var before = samples.LastOrDefault(s => s.OffsetSeconds <= start)?.LagRecords ?? 0;
        var window = samples.Where(s => s.OffsetSeconds >= start && s.OffsetSeconds <= end + Settle).ToList();
        if (window.Count == 0)
        {
            return null;
        }

        // The state at the end is the last sample taken while the fault lasted: when replication had already recovered
        // by then (a broker kill that leaders failed over from), it recovered 0 s after the end, not at the next sample.
        var atEnd = samples.LastOrDefault(s => s.OffsetSeconds <= end && s.OffsetSeconds > start);
        var after = (atEnd is null ? samples.Where(s => s.OffsetSeconds > end) : samples.Where(s => s.OffsetSeconds > end).Prepend(atEnd)).ToList();

        // Lag that is 0 needs no flow: a fault that ended after the load has nothing left to copy.
        var flowing = after.FirstOrDefault(s => s.ReplicateRate > 0 || s.LagRecords == 0);

        // Lag under load moves by some records from one sample to the next; 10 % or 100 records over the earlier
        // level is still that level.
        var settled = after.FirstOrDefault(s => s.LagRecords <= Math.Max(before * 1.1, before + 100));
        return new FaultRecovery(
            before,
            window.Max(s => s.LagRecords),
            flowing is null ? null : Math.Round(Math.Max(0, flowing.OffsetSeconds - end), 3),
            settled is null ? null : Math.Round(Math.Max(0, settled.OffsetSeconds - end), 3),
            duplicateTimes.Count(t => t >= start && t <= end + Settle));
    }
}
