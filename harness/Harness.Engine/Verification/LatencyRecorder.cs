using HdrHistogram;

namespace Harness.Engine.Verification;

/// <summary>
/// Produce-to-target latency of every record the verifier reads live: a whole-run histogram for the
/// percentiles in the report and an interval histogram for the time series.
/// </summary>
public sealed class LatencyRecorder
{
    private const long MaxMs = 24L * 3600 * 1000;
    private readonly LongHistogram _total = new(MaxMs, 3);
    private readonly Recorder _interval = new(1, MaxMs, 3, (id, low, high, digits) => new LongHistogram(id, low, high, digits));
    private readonly object _lock = new();

    /// <summary>Records one latency in milliseconds (negative clock skew counts as 0).</summary>
    public void Record(long latencyMs)
    {
        var value = Math.Clamp(latencyMs, 0, MaxMs);
        lock (_lock)
        {
            _total.RecordValue(value);
        }

        _interval.RecordValue(value);
    }

    /// <summary>Percentiles since the last call, or null when nothing was recorded.</summary>
    public (double P50, double P99)? TakeInterval()
    {
        var histogram = _interval.GetIntervalHistogram();
        return histogram.TotalCount == 0 ? null : (histogram.GetValueAtPercentile(50), histogram.GetValueAtPercentile(99));
    }

    /// <summary>Whole-run summary: p50, p95, p99, max and count.</summary>
    public (double P50, double P95, double P99, double Max, long Count) Summary()
    {
        lock (_lock)
        {
            return _total.TotalCount == 0 ? (0, 0, 0, 0, 0)
                : (_total.GetValueAtPercentile(50), _total.GetValueAtPercentile(95), _total.GetValueAtPercentile(99), _total.GetMaxValue(), _total.TotalCount);
        }
    }
}
