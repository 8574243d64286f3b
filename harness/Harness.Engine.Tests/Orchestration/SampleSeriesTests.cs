using Harness.Engine.Orchestration;
using Harness.Reports.Model;

namespace Harness.Engine.Tests.Orchestration;

/// <summary>The time series stays within its cap over any run length, and downsampling keeps the extremes a reader looks for.</summary>
public sealed class SampleSeriesTests
{
    private static MetricSample Sample(int second, long lag = 100, int brokersUp = 3, double rate = 1000) => new()
    {
        OffsetSeconds = second,
        ProduceRate = rate,
        ReplicateRate = rate,
        LagRecords = lag,
        LatencyP99Ms = 10,
        SourceBrokersUp = brokersUp,
        TargetBrokersUp = 3,
    };

    [Test]
    public void Ten_thousand_samples_keep_at_most_the_cap_with_the_lag_peak_and_the_broker_down_preserved()
    {
        var series = new SampleSeries(cap: 100);
        for (var s = 1; s <= 10_000; s++)
        {
            series.Add(Sample(s, lag: s == 4321 ? 90_000 : 100, brokersUp: s == 777 ? 2 : 3, rate: s % 2 == 0 ? 1500 : 500));
        }

        var points = series.Points();
        points.Count.Should().BeLessThanOrEqualTo(100).And.BeGreaterThan(50);
        points.Max(p => p.LagRecords).Should().Be(90_000);
        points.Min(p => p.SourceBrokersUp).Should().Be(2);
        points.Should().BeInAscendingOrder(p => p.OffsetSeconds);
        points[^1].OffsetSeconds.Should().Be(10_000);
        points.Take(points.Count - 1).Should().OnlyContain(p => p.ProduceRate == 1000, "each full point is the mean of as many odd as even seconds");
    }

    [Test]
    public void A_series_under_its_cap_is_every_sample_as_taken()
    {
        var series = new SampleSeries(cap: 100);
        for (var s = 1; s <= 99; s++)
        {
            series.Add(Sample(s));
        }

        series.Points().Select(p => p.OffsetSeconds).Should().Equal(Enumerable.Range(1, 99).Select(s => (double)s));
        series.Stride.Should().Be(1);
    }

    [Test]
    public void Downsampling_keeps_the_highest_memory_of_every_process_and_cluster()
    {
        var series = new SampleSeries(cap: 10);
        for (var s = 1; s <= 1_000; s++)
        {
            var peak = s == 333;
            series.Add(Sample(s) with
            {
                HarnessRssMiB = peak ? 900 : 200,
                HarnessGcHeapMiB = peak ? 400 : 50,
                SourceMemoryMiB = peak ? 300 : 10,
                TargetMemoryMiB = peak ? 301 : 10,
                ReplicatorProcessRssMiB = peak ? 700 : 100,
            });
        }

        var points = series.Points();
        points.Count.Should().BeLessThanOrEqualTo(10);
        points.Max(p => p.HarnessRssMiB).Should().Be(900);
        points.Max(p => p.HarnessGcHeapMiB).Should().Be(400);
        points.Max(p => p.SourceMemoryMiB).Should().Be(300);
        points.Max(p => p.TargetMemoryMiB).Should().Be(301);
        points.Max(p => p.ReplicatorProcessRssMiB).Should().Be(700);
    }
}
