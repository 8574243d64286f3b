namespace Harness.Reports.Compare;

/// <summary>
/// Writes a comparison as a plain-text table for the console and CI logs: one row per figure, the baseline's value,
/// then each run's value and its change, with regressions spelled out in words and listed underneath.
/// </summary>
public static class ComparisonTextWriter
{
    /// <summary>Writes the table, the regressions and a one-line summary.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="output">Where to write.</param>
    public static void Write(RunComparison comparison, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(output);

        var runs = comparison.Runs;
        output.WriteLine(
            $"Comparing {runs.Count} runs of {string.Join(", ", comparison.Scenarios)} against the baseline {comparison.Baseline.Label}; "
            + $"regression threshold {RegressionThreshold.Format(comparison.Threshold)}");
        output.WriteLine();

        var table = new List<string[]> { Header(runs) };
        table.AddRange(comparison.Rows.Select(Row));
        var widths = Enumerable.Range(0, table[0].Length).Select(i => table.Max(r => r[i].Length)).ToArray();
        foreach (var row in table)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        }

        output.WriteLine();
        foreach (var regression in comparison.Regressions)
        {
            output.WriteLine($"{ComparisonText.RegressionWord} {ComparisonText.Describe(regression)}");
        }

        output.WriteLine(ComparisonText.Summary(comparison));
    }

    private static string[] Header(IReadOnlyList<ComparedRun> runs) =>
    [
        "metric",
        runs[0].Label + " (baseline)",
        .. runs.Skip(1).SelectMany(run => new[] { run.Label, "change" }),
    ];

    private static string[] Row(MetricComparison row) =>
    [
        $"{row.Metric.Name} ({row.Metric.Unit})",
        ComparisonText.Value(row.Deltas[0].Value),
        .. row.Deltas.Skip(1).SelectMany(delta => new[]
        {
            ComparisonText.Value(delta.Value),
            (ComparisonText.Change(delta) + " " + ComparisonText.Status(delta)).TrimEnd(),
        }),
    ];
}
