using Harness.Reports.Model;

namespace Harness.Engine.Orchestration;

/// <summary>
/// The run's time series, at most <see cref="Cap"/> points whatever the run's length: when it is full, neighbouring
/// points are merged in pairs and later samples are merged as many at a time, so the whole run keeps one resolution.
/// A merged point keeps what a reader looks for in a chart: the highest lag, latency and memory, the fewest brokers
/// up (a broker kill stays visible), and the mean rates.
/// </summary>
internal sealed class SampleSeries
{
    /// <summary>An hour of one-second samples at full resolution; a two-hour soak is drawn at two seconds.</summary>
    public const int DefaultCap = 3600;

    private readonly List<(MetricSample Sample, int Weight)> _points = [];
    private (MetricSample Sample, int Weight)? _pending;

    public SampleSeries(int cap = DefaultCap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 2);
        Cap = cap;
    }

    /// <summary>The most points kept.</summary>
    public int Cap { get; }

    /// <summary>Samples merged into each point from now on (1 until the series first filled).</summary>
    public int Stride { get; private set; } = 1;

    /// <summary>Adds a sample, in time order.</summary>
    public void Add(MetricSample sample)
    {
        var point = _pending is { } pending ? (Merge(pending.Sample, pending.Weight, sample, 1), pending.Weight + 1) : (sample, 1);
        if (point.Item2 < Stride)
        {
            _pending = point;
            return;
        }

        _pending = null;
        _points.Add(point);
        if (_points.Count >= Cap)
        {
            Halve();
        }
    }

    /// <summary>The points, oldest first, with any samples not yet making a whole point merged into the last.</summary>
    public IReadOnlyList<MetricSample> Points()
    {
        var points = new List<MetricSample>(_points.Count + 1);
        points.AddRange(_points.Select(p => p.Sample));
        if (_pending is { } pending)
        {
            points.Add(pending.Sample);
        }

        return points;
    }

    private void Halve()
    {
        var merged = new List<(MetricSample, int)>((_points.Count / 2) + 1);
        for (var i = 0; i + 1 < _points.Count; i += 2)
        {
            var (a, wa) = _points[i];
            var (b, wb) = _points[i + 1];
            merged.Add((Merge(a, wa, b, wb), wa + wb));
        }

        if (_points.Count % 2 == 1)
        {
            // The newest point waits for its partner.
            _pending = _points[^1];
        }

        _points.Clear();
        _points.AddRange(merged);
        Stride *= 2;
    }

    /// <summary>
    /// One point for two neighbours (<paramref name="earlier"/> standing for <paramref name="earlierWeight"/> samples):
    /// it sits at the later one's time, as a sample stands for the interval up to it, and takes the later one's values
    /// for anything not named here.
    /// </summary>
    internal static MetricSample Merge(MetricSample earlier, int earlierWeight, MetricSample later, int laterWeight)
    {
        double Mean(double a, double b) => Math.Round(((a * earlierWeight) + (b * laterWeight)) / (earlierWeight + laterWeight), 1);
        static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
        return later with
        {
            ProduceRate = Mean(earlier.ProduceRate, later.ProduceRate),
            ReplicateRate = Mean(earlier.ReplicateRate, later.ReplicateRate),
            LagRecords = Math.Max(earlier.LagRecords, later.LagRecords),
            LagMs = Max(earlier.LagMs, later.LagMs),
            LatencyP50Ms = Max(earlier.LatencyP50Ms, later.LatencyP50Ms),
            LatencyP99Ms = Max(earlier.LatencyP99Ms, later.LatencyP99Ms),
            ReplicatorRssMiB = Max(earlier.ReplicatorRssMiB, later.ReplicatorRssMiB),
            GcHeapMiB = Max(earlier.GcHeapMiB, later.GcHeapMiB),
            HarnessRssMiB = Max(earlier.HarnessRssMiB, later.HarnessRssMiB),
            HarnessGcHeapMiB = Max(earlier.HarnessGcHeapMiB, later.HarnessGcHeapMiB),
            SourceMemoryMiB = Max(earlier.SourceMemoryMiB, later.SourceMemoryMiB),
            TargetMemoryMiB = Max(earlier.TargetMemoryMiB, later.TargetMemoryMiB),
            ReplicatorProcessRssMiB = Max(earlier.ReplicatorProcessRssMiB, later.ReplicatorProcessRssMiB),
            ReplicatorLatencyMaxMs = Max(earlier.ReplicatorLatencyMaxMs, later.ReplicatorLatencyMaxMs),
            CheckpointLatencyMaxMs = Max(earlier.CheckpointLatencyMaxMs, later.CheckpointLatencyMaxMs),
            SourceBrokersUp = Math.Min(earlier.SourceBrokersUp, later.SourceBrokersUp),
            TargetBrokersUp = Math.Min(earlier.TargetBrokersUp, later.TargetBrokersUp),
        };
    }
}
