using Harness.Engine.Resources;

namespace Harness.Engine.Tests.Resources;

/// <summary>The least-squares slope behind "memory flat".</summary>
public sealed class MemorySlopeTests
{
    [Test]
    public void A_straight_line_has_its_own_slope_in_MiB_per_minute()
    {
        // 2 MiB a second from 100 MiB: 120 MiB a minute.
        var points = Enumerable.Range(0, 11).Select(i => ((double)i, 100 + (2.0 * i))).ToList();

        MemorySlope.MiBPerMinute(points).Should().BeApproximately(120, 1e-9);
    }

    [Test]
    public void A_sawtooth_around_a_level_has_a_slope_far_below_its_swings()
    {
        // Up 8 MiB and down 8 MiB around 500 every 4 s, as collections come and go: the fit over 40 s is -1.8 MiB/min,
        // against 120 MiB/min for a line that climbs 8 MiB every 4 s.
        var points = Enumerable.Range(0, 40).Select(i => ((double)i, 500 + (i % 4 is 0 or 2 ? 0.0 : i % 4 == 1 ? 8 : -8))).ToList();

        MemorySlope.MiBPerMinute(points).Should().BeInRange(-2, 2);
    }

    [Test]
    public void The_slope_is_the_least_squares_fit_not_the_end_points()
    {
        // (0,0), (1,3), (2,2), (3,5): slope = sum (t-1.5)(m-2.5) / sum (t-1.5)^2 = 7 / 5 = 1.4 MiB/s; the end points say 5/3.
        MemorySlope.MiBPerMinute([(0, 0), (1, 3), (2, 2), (3, 5)]).Should().BeApproximately(84, 1e-9);
    }

    [Test]
    public void Fewer_than_two_points_or_one_time_have_no_slope()
    {
        MemorySlope.MiBPerMinute([]).Should().BeNull();
        MemorySlope.MiBPerMinute([(1, 10)]).Should().BeNull();
        MemorySlope.MiBPerMinute([(1, 10), (1, 20)]).Should().BeNull();
    }

    [Test]
    public void The_second_half_starts_in_the_middle_of_the_time_span()
    {
        var points = Enumerable.Range(10, 11).Select(i => ((double)i, 0.0)).ToList();

        MemorySlope.SecondHalf(points).Select(p => p.Seconds).Should().Equal(15, 16, 17, 18, 19, 20);
    }
}
