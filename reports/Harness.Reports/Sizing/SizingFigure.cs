namespace Harness.Reports.Sizing;

/// <summary>One figure of two sizing runs side by side.</summary>
/// <param name="Name">What the figure is.</param>
/// <param name="Baseline">The baseline's value; null when it has none.</param>
/// <param name="Candidate">The compared run's value; null when it has none.</param>
/// <param name="HigherIsBetter">Whether a rise is an improvement (capacity) or a cost (tasks, brokers, heap).</param>
public sealed record SizingFigure(string Name, double? Baseline, double? Candidate, bool HigherIsBetter)
{
    /// <summary>The relative change from the baseline; null when either value is missing or the baseline is 0.</summary>
    public double? Change => Baseline is { } b && Candidate is { } c && b != 0 ? (c - b) / Math.Abs(b) : null;

    /// <summary>Whether the figure moved the wrong way by more than <paramref name="threshold"/>, or a capacity was lost.</summary>
    public bool Regressed(double threshold) =>
        Change is { } change ? (HigherIsBetter ? change < -threshold : change > threshold)
            : HigherIsBetter && Baseline is not null && Candidate is null;
}
