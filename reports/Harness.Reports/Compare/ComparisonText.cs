using System.Globalization;
using Harness.Reports.Html;

namespace Harness.Reports.Compare;

/// <summary>How values and changes read on the console and in compare.html, so both say the same.</summary>
internal static class ComparisonText
{
    public const string RegressionWord = "REGRESSION";
    public const string ImprovementWord = "better";

    public static string Value(double? value) => Format.Decimal(value);

    public static string Change(MetricDelta delta) => delta.Change switch
    {
        null => Format.Missing,
        { } c when double.IsInfinity(c) => "from 0",
        { } c => (c >= 0 ? "+" : "") + (c * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
    };

    /// <summary>The word that goes with a change, so a flag is never only a colour.</summary>
    public static string Status(MetricDelta delta) =>
        delta.IsRegression ? RegressionWord : delta.IsImprovement ? ImprovementWord : "";

    public static string Summary(RunComparison comparison)
    {
        var count = comparison.Regressions.Count;
        var threshold = RegressionThreshold.Format(comparison.Threshold);
        return count switch
        {
            0 => $"no regressions beyond the {threshold} threshold",
            1 => $"1 regression beyond the {threshold} threshold",
            _ => $"{count} regressions beyond the {threshold} threshold",
        };
    }

    public static string Describe(Regression regression)
    {
        var metric = regression.Metric;
        var delta = regression.Delta;
        return $"{regression.Run.Label}: {metric.Name} {Value(delta.Baseline)} -> {Value(delta.Value)} {metric.Unit} ({Change(delta)}, "
            + (metric.Direction == MetricDirection.HigherIsBetter ? "lower" : "higher") + " is worse)";
    }
}
