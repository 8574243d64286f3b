using Harness.Engine.Load;

namespace Harness.Engine.Tests.Load;

public sealed class LoadCountersTests
{
    [Test]
    public void Backlog_is_what_was_due_but_not_sent_and_never_negative()
    {
        var counters = new LoadCounters();
        counters.AddDue(1_000);
        counters.AddSent(600, TimeSpan.FromSeconds(1));

        counters.Backlog.Should().Be(400);

        counters.AddSent(500, TimeSpan.FromSeconds(1));
        counters.Backlog.Should().Be(0);
    }

    [Test]
    public void In_flight_is_sent_minus_acknowledged_and_failed()
    {
        var counters = new LoadCounters();
        counters.AddSent(100, TimeSpan.Zero);
        counters.AddAcknowledged(70, TimeSpan.Zero);
        counters.AddFailed(5);

        counters.InFlight.Should().Be(25);
    }

    [Test]
    public void Sends_are_counted_in_the_second_they_happen()
    {
        var counters = new LoadCounters();
        counters.AddSent(10, TimeSpan.FromMilliseconds(200));
        counters.AddSent(5, TimeSpan.FromMilliseconds(999));
        counters.AddSent(7, TimeSpan.FromSeconds(2.5));
        counters.AddAcknowledged(3, TimeSpan.FromSeconds(1.2));

        counters.SentPerSecond.Should().Equal(15, 0, 7);
        counters.AcknowledgedPerSecond.Should().Equal(0, 3);
        counters.AchievedRate(TimeSpan.FromSeconds(1.5)).Should().Be(15, "the last whole second is the first");
        counters.AchievedRate(TimeSpan.FromSeconds(3.1)).Should().Be(7);
        counters.AchievedRate(TimeSpan.FromSeconds(0.5)).Should().Be(0, "no second has passed yet");
    }

    [Test]
    public void A_topics_counters_add_up_into_the_totals()
    {
        var total = new LoadCounters();
        var orders = new LoadCounters(total);
        var clicks = new LoadCounters(total);
        orders.AddDue(10);
        orders.AddSent(8, TimeSpan.Zero);
        clicks.AddSent(5, TimeSpan.FromSeconds(1));
        clicks.AddAcknowledged(4, TimeSpan.FromSeconds(1));
        clicks.AddFailed(1);

        (total.Due, total.Sent, total.Acknowledged, total.Failed).Should().Be((10L, 13L, 4L, 1L));
        total.SentPerSecond.Should().Equal(8, 5);
        (orders.Sent, clicks.Sent).Should().Be((8L, 5L));
    }
}
