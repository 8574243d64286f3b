namespace Harness.Engine.Tests.Load;

/// <summary>The few statistics the distribution tests need.</summary>
internal static class Statistics
{
    public static double StandardDeviation(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    public static double ChiSquare(IReadOnlyList<int> observed, IReadOnlyList<double> expected) =>
        observed.Select((o, i) => (o - expected[i]) * (o - expected[i]) / expected[i]).Sum();

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The least-squares slope of y against x.</summary>
    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var meanX = x.Average();
        var meanY = y.Average();
        var covariance = x.Select((v, i) => (v - meanX) * (y[i] - meanY)).Sum();
        var variance = x.Sum(v => (v - meanX) * (v - meanX));
        return covariance / variance;
    }
}
