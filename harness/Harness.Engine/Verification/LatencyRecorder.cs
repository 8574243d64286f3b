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

    // One histogram per source topic (by its index in the run's topics), so latency bounds can be judged per topic and
    // per volume class; grown as topics first appear.
    private readonly List<LongHistogram?> _byTopic = [];

    /// <summary>Records one latency in milliseconds (negative clock skew counts as 0).</summary>
    public void Record(long latencyMs) => Record(-1, latencyMs);

    /// <summary>Records one latency in milliseconds of a record of the run's topic <paramref name="topic"/> (its index).</summary>
    public void Record(int topic, long latencyMs)
    {
        var value = Math.Clamp(latencyMs, 0, MaxMs);
        lock (_lock)
        {
            _total.RecordValue(value);
            if (topic >= 0)
            {
                while (_byTopic.Count <= topic)
                {
                    _byTopic.Add(null);
                }

                (_byTopic[topic] ??= new LongHistogram(MaxMs, 3)).RecordValue(value);
            }
        }

        _interval.RecordValue(value);
    }

    /// <summary>
    /// The latency at <paramref name="percentile"/> (100 is the maximum) of the records of <paramref name="topics"/>
    /// (indices in the run's topics), or of all records when null; null when none was recorded.
    /// </summary>
    public double? ValueAt(double percentile, IReadOnlyCollection<int>? topics = null)
    {
        lock (_lock)
        {
            var histogram = topics is null ? _total : Merge(topics);
            if (histogram.TotalCount == 0)
            {
                return null;
            }

            return percentile >= 100 ? histogram.GetMaxValue() : histogram.GetValueAtPercentile(percentile);
        }
    }

    /// <summary>How many latencies were recorded for <paramref name="topics"/>, or in all when null.</summary>
    public long CountOf(IReadOnlyCollection<int>? topics = null)
    {
        lock (_lock)
        {
            return topics is null ? _total.TotalCount : topics.Sum(t => t < _byTopic.Count ? _byTopic[t]?.TotalCount ?? 0 : 0);
        }
    }

    private LongHistogram Merge(IReadOnlyCollection<int> topics)
    {
        var merged = new LongHistogram(MaxMs, 3);
        foreach (var topic in topics)
        {
            if (topic < _byTopic.Count && _byTopic[topic] is { } histogram)
            {
                merged.Add(histogram);
            }
        }

        return merged;
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
