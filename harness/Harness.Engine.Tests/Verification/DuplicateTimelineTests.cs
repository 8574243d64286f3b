using Harness.Engine.Verification;

namespace Harness.Engine.Tests.Verification;

/// <summary>Duplicate times are kept per 10 ms tick, so a burst of any size costs one entry and reads back as every time.</summary>
public sealed class DuplicateTimelineTests
{
    [Test]
    public void A_burst_of_a_million_duplicates_is_one_tick_and_still_counts_each()
    {
        var timeline = new DuplicateTimeline();
        for (var i = 0; i < 1_000_000; i++)
        {
            timeline.Add(12.003);
        }

        timeline.Add(30.5);

        timeline.TickCount.Should().Be(2);
        timeline.Count.Should().Be(1_000_001);
        timeline.Count(t => t >= 12 && t <= 13).Should().Be(1_000_000);
        timeline[999_999].Should().Be(12);
        timeline[1_000_000].Should().Be(30.5);
    }

    [Test]
    public void A_snapshot_does_not_see_later_duplicates()
    {
        var timeline = new DuplicateTimeline();
        timeline.Add(1);
        var snapshot = timeline.Snapshot();
        timeline.Add(2);

        snapshot.Should().Equal(1.0);
        timeline.Should().Equal(1.0, 2.0);
    }
}
