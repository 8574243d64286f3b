namespace Harness.Reports.Model;

/// <summary>Metrics sampled during the run, with the markers to draw over them.</summary>
public sealed record TimeSeries
{
    /// <summary>A time series with no samples and no markers.</summary>
    public static TimeSeries Empty { get; } = new();

    /// <summary>The samples, in time order.</summary>
    public IReadOnlyList<MetricSample> Samples { get; init; } = [];

    /// <summary>The fault markers, in time order.</summary>
    public IReadOnlyList<FaultMarker> Markers { get; init; } = [];
}
