namespace Harness.Engine.Sizing;

/// <summary>One figure of an instance table and where it was published.</summary>
/// <param name="Value">The figure.</param>
/// <param name="Source">Its source (a URL or a note); "not given" when the table says none.</param>
public sealed record InstanceFigure(double Value, string Source);
