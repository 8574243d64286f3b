namespace Harness.Reports.Compare;

/// <summary>One run's value of one figure set against the baseline run's value.</summary>
public sealed record MetricDelta
{
    /// <summary>The baseline's value; null when the baseline did not measure it.</summary>
    public double? Baseline { get; init; }

    /// <summary>This run's value; null when this run did not measure it.</summary>
    public double? Value { get; init; }

    /// <summary>
    /// The change relative to the baseline (0.25 is 25 % more); infinite when the baseline is 0 and the value is
    /// not; null when either value is missing.
    /// </summary>
    public double? Change { get; init; }

    /// <summary>The change is worse than the threshold allows.</summary>
    public bool IsRegression { get; init; }

    /// <summary>The change is better by more than the threshold.</summary>
    public bool IsImprovement { get; init; }

    /// <summary>Compares a value with the baseline's.</summary>
    /// <param name="baseline">The baseline's value.</param>
    /// <param name="value">This run's value.</param>
    /// <param name="direction">Which way the figure gets better.</param>
    /// <param name="threshold">The tolerated relative change, for example 0.1 for 10 %.</param>
    /// <returns>The delta.</returns>
    public static MetricDelta Of(double? baseline, double? value, MetricDirection direction, double threshold)
    {
        baseline = Finite(baseline);
        value = Finite(value);
        var change = RelativeChange(baseline, value);
        var worse = direction switch
        {
            MetricDirection.LowerIsBetter => change,
            MetricDirection.HigherIsBetter => -change,
            _ => null,
        };
        return new MetricDelta
        {
            Baseline = baseline,
            Value = value,
            Change = change,
            IsRegression = worse > threshold,
            IsImprovement = worse < -threshold,
        };
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static double? RelativeChange(double? baseline, double? value)
    {
        if (baseline is not { } b || value is not { } v)
        {
            return null;
        }

        if (b == 0)
        {
            // From nothing to something (0 lost to 3 lost) is beyond any relative threshold.
            return v == 0 ? 0 : Math.Sign(v) * double.PositiveInfinity;
        }

        return (v - b) / Math.Abs(b);
    }
}
