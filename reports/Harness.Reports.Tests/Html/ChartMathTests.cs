using Harness.Reports.Html;
using Harness.Reports.Html.Charts;

namespace Harness.Reports.Tests.Html;

public sealed class ChartMathTests
{
    [TestCase(0, 1, 0.2)]
    [TestCase(7, 8, 2)]
    [TestCase(1234, 1250, 250)]
    [TestCase(100_000, 100_000, 20_000)]
    public void Axis_scale_rounds_up_to_round_ticks(double dataMax, double expectedMax, double expectedStep)
    {
        var scale = AxisScale.From(dataMax, 5, integer: false);

        scale.Max.Should().BeApproximately(expectedMax, 1e-9);
        scale.Step.Should().BeApproximately(expectedStep, 1e-9);
        scale.Ticks().First().Should().Be(0);
        scale.Ticks().Last().Should().BeApproximately(expectedMax, 1e-9);
    }

    [Test]
    public void Integer_axis_steps_by_whole_numbers()
    {
        var scale = AxisScale.From(3, 5, integer: true);

        scale.Step.Should().Be(1);
        scale.Ticks().Should().Equal(0, 1, 2, 3);
    }

    [TestCase(0, 1, 1)]
    [TestCase(125, 140, 20)]
    [TestCase(600, 600, 120)]
    [TestCase(3_600, 3_600, 600)]
    [TestCase(30 * 86_400, 2_764_800, 345_600)]
    public void Time_axis_steps_read_well_on_a_clock(double seconds, double expectedMax, double expectedStep)
    {
        var scale = AxisScale.ForSeconds(seconds, 8);

        scale.Max.Should().Be(expectedMax);
        scale.Step.Should().Be(expectedStep);
    }

    [Test]
    public void Downsampling_keeps_peaks_and_gaps()
    {
        var points = Enumerable.Range(0, 10_000)
            .Select(i => new ChartPoint(i, i switch { 5_000 => 999, 7_000 => null, _ => 1 }))
            .ToList();

        var thinned = Downsampler.MinMax(points, 100, 10_000);

        thinned.Count.Should().BeLessThanOrEqualTo(300);
        thinned.Should().Contain(new ChartPoint(5_000, 999));
        thinned.Should().Contain(p => p.Y == null && p.X >= 7_000 && p.X < 7_100);
        thinned.Select(p => p.X).Should().BeInAscendingOrder();
    }

    [Test]
    public void Short_series_are_not_downsampled()
    {
        var points = new[] { new ChartPoint(0, 1), new ChartPoint(1, null) };

        Downsampler.MinMax(points, 100, 1).Should().BeSameAs(points);
    }

    [TestCase(0, "0:00")]
    [TestCase(59.6, "1:00")]
    [TestCase(125, "2:05")]
    [TestCase(3_725, "1:02:05")]
    public void Clock_reads_minutes_and_seconds(double seconds, string expected) =>
        Format.Clock(seconds).Should().Be(expected);

    [TestCase(1_500, "1500")]
    [TestCase(15_000, "15k")]
    [TestCase(2_500_000, "2.5M")]
    public void Compact_numbers_fit_axis_labels(double value, string expected) =>
        Format.Compact(value).Should().Be(expected);
}
