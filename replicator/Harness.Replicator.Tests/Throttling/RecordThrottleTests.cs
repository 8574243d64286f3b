using Harness.Replicator.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Replicator.Tests.Throttling;

public sealed class RecordThrottleTests
{
    [Test]
    public void A_full_bucket_holds_a_tenth_of_a_second_and_refills_at_the_rate()
    {
        var time = new FakeTimeProvider();
        var throttle = new RecordThrottle(1000, time);

        throttle.Allowance(1024).Should().Be(100, "the bucket starts full with 0.1 s of records");
        throttle.Spend(100);
        throttle.Allowance(1024).Should().Be(0);
        throttle.UntilNext().Should().Be(TimeSpan.FromMilliseconds(1));

        time.Advance(TimeSpan.FromMilliseconds(25));
        throttle.Allowance(1024).Should().Be(25);

        time.Advance(TimeSpan.FromSeconds(10));
        throttle.Allowance(1024).Should().Be(100, "an idle spell refills no more than the bucket holds");
    }

    [Test]
    public void Over_a_simulated_minute_the_records_let_through_match_the_rate()
    {
        var time = new FakeTimeProvider();
        var throttle = new RecordThrottle(2500, time);
        long sent = 0;
        for (var step = 0; step < 60_000; step++)
        {
            // A consumer that sometimes returns fewer records than it was allowed.
            var allowed = throttle.Allowance(1024);
            var got = step % 3 == 0 ? allowed / 2 : allowed;
            throttle.Spend(got);
            sent += got;
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        sent.Should().BeInRange(2500 * 60 - 2500, (2500 * 60) + 250, "60 s at 2,500/s plus at most the starting bucket");
    }

    [Test]
    public void A_cap_under_ten_per_second_still_lets_single_records_through()
    {
        var time = new FakeTimeProvider();
        var throttle = new RecordThrottle(2, time);

        throttle.Allowance(10).Should().Be(1);
        throttle.Spend(1);
        throttle.UntilNext().Should().Be(TimeSpan.FromMilliseconds(500));
    }
}
