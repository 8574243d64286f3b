namespace Harness.Bench.Support;

/// <summary>The figure each benchmark reports from its runs: the median, which one slow stretch of the shared machine cannot move.</summary>
public static class Medians
{
    /// <summary>The median (the upper one of an even count); NaN when there are no values.</summary>
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }
}
