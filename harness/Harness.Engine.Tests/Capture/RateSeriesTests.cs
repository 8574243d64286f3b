using Harness.Engine.Capture;

namespace Harness.Engine.Tests.Capture;

public sealed class RateSeriesTests
{
    [Test]
    public void Readings_on_whole_seconds_give_their_differences() =>
        RateSeries.PerSecond(Readings((0, 100), (1, 150), (2, 400), (3, 400)), TimeSpan.FromSeconds(3)).Should().Equal(50, 250, 0);

    [Test]
    public void Late_readings_are_spread_over_the_seconds_they_span()
    {
        // 300 records between 0.5 s and 2.0 s at a steady 200/s: 100 of them in the first second.
        var series = RateSeries.PerSecond(Readings((0, 0), (0.5, 0), (2.0, 300)), TimeSpan.FromSeconds(2));

        series.Should().Equal(100, 200);
    }

    [Test]
    public void Without_two_readings_every_second_is_zero() =>
        RateSeries.PerSecond(Readings((0, 10)), TimeSpan.FromSeconds(3)).Should().Equal(0, 0, 0);

    private static List<(TimeSpan, long)> Readings(params (double Seconds, long Total)[] readings) =>
        readings.Select(r => (TimeSpan.FromSeconds(r.Seconds), r.Total)).ToList();
}
