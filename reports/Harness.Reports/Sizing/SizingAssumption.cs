namespace Harness.Reports.Sizing;

/// <summary>One input figure of the sizing model and where it came from.</summary>
/// <param name="Name">What the figure is.</param>
/// <param name="Value">The figure, with its unit.</param>
/// <param name="Source">Where it came from: a measurement, the profile, an option, or a published page.</param>
public sealed record SizingAssumption(string Name, string Value, string Source);
