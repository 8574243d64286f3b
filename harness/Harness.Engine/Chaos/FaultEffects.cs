using System.Globalization;
using Harness.Engine.Runs;
using Harness.Reports.Model;

namespace Harness.Engine.Chaos;

/// <summary>Describes what a fault did (its <see cref="FaultRecovery"/>) in one line for the fault table.</summary>
internal static class FaultEffects
{
    public static string Describe(FaultRecord record, IReadOnlyList<MetricSample> samples, IReadOnlyList<double> duplicateTimes)
    {
        if (FaultRecovery.Measure(record, samples, duplicateTimes) is not { } recovery)
        {
            return record.Note;
        }

        var parts = new List<string> { record.Note, $"lag {N(recovery.LagBefore)} before, peak {N(recovery.LagPeak)}" };
        if (recovery.FlowingAfter is { } flowing)
        {
            parts.Add($"replication flowing {flowing:0.0}s after recovery");
        }

        parts.Add($"{N(recovery.Duplicates)} duplicates read between its start and {FaultRecovery.Settle:0}s after recovery");
        parts.Add(recovery.LagBackAfter is { } back ? $"lag back to its earlier level {back:0.0}s after recovery" : "lag not back to its earlier level within the run");
        return string.Join("; ", parts);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
