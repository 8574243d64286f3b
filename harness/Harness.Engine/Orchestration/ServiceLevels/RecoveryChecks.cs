using System.Globalization;
using Harness.Engine.Chaos;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Reports.Model;

namespace Harness.Engine.Orchestration;

/// <summary>
/// Judges each fault's recovery against its bound (the fault's <c>recoverWithin</c>, else <c>expect.recovery.within</c>)
/// and its duplicates against <c>expect.recovery.duplicatesPerFault</c>. Faults without a bound get no check: their
/// recovery is still in the fault table.
/// </summary>
internal static class RecoveryChecks
{
    /// <summary>The recovery checks, one or two per scheduled fault that has a bound.</summary>
    /// <param name="expect">The scenario's recovery bounds.</param>
    /// <param name="faults">The scheduled faults, with their own bounds, by id.</param>
    /// <param name="records">What the chaos engine recorded.</param>
    /// <param name="samples">The run's time series.</param>
    /// <param name="duplicateTimes">When each duplicate was read, in run seconds.</param>
    public static List<CheckResult> Evaluate(RecoveryExpectation expect, IReadOnlyDictionary<string, TimeSpan?> faults, IReadOnlyList<FaultRecord> records,
        IReadOnlyList<MetricSample> samples, IReadOnlyList<double> duplicateTimes)
    {
        var checks = new List<CheckResult>();
        foreach (var record in records.Where(r => faults.ContainsKey(r.Id)))
        {
            var name = $"fault {record.Id} {record.Kind}";
            var recovery = FaultRecovery.Measure(record, samples, duplicateTimes);
            if ((faults[record.Id] ?? expect.Within) is { } within)
            {
                checks.Add(Recovered(name, record, recovery, within));
            }

            if (expect.DuplicatesPerFault is { } allowed)
            {
                var duplicates = recovery?.Duplicates ?? 0;
                checks.Add(new CheckResult
                {
                    Name = $"{name} duplicates",
                    Passed = duplicates <= allowed,
                    Measured = $"{N(duplicates)} read between its start and {FaultRecovery.Settle:0}s after it ended",
                    Expected = $"<= {N(allowed)} (expect.recovery.duplicatesPerFault)",
                    Message = duplicates <= allowed ? null : $"{record.Id} {record.Kind} caused {N(duplicates)} duplicates, more than the {N(allowed)} allowed per fault",
                });
            }
        }

        return checks;
    }

    private static CheckResult Recovered(string name, FaultRecord record, FaultRecovery? recovery, TimeSpan within)
    {
        var bound = within.TotalSeconds;
        if (record.StartSeconds is null)
        {
            return new CheckResult { Name = $"{name} recovered", Passed = true, Measured = record.Note, Expected = $"within {S(bound)}s of its end" };
        }

        var after = recovery?.RecoveredAfter;
        var passed = after is { } a && a <= bound;
        var measured = recovery is null ? "no samples after it ended"
            : $"replication flowing {(recovery.FlowingAfter is { } f ? S(f) + "s" : "never")}, lag back to {N(recovery.LagBefore)} (+10%) {(recovery.LagBackAfter is { } b ? S(b) + "s" : "never")} after it ended (peak {N(recovery.LagPeak)})";
        return new CheckResult
        {
            Name = $"{name} recovered",
            Passed = passed,
            Measured = measured,
            Expected = $"within {S(bound)}s of its end",
            Message = passed ? null
                : after is { } late ? $"replication took {S(late)}s to recover after {record.Id} {record.Kind} ended, more than the {S(bound)}s allowed"
                : $"replication did not recover within the run after {record.Id} {record.Kind} ended",
        };
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string S(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture);
}
