using Harness.Engine.Load.Model;

namespace Harness.Engine.Tests.Load;

public sealed class InjectionScheduleTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    public static IEnumerable<TestCaseData> Schedules()
    {
        yield return Case("constant records", new InjectionSchedule(new ConstantRate(2500), records: 60_000));
        yield return Case("ramp records", new InjectionSchedule(new RampRate(500, 2000, 10 * S), records: 30_000));
        yield return Case("sine duration", new InjectionSchedule(new SineRate(300, 300, 7 * S), duration: 20 * S));
        yield return Case("spike duration", new InjectionSchedule(new SpikeRate(50, 5000, 2 * S, S), duration: 5 * S));
        yield return Case("odd rate", new InjectionSchedule(new ConstantRate(333.3333), records: 10_001));
        yield return Case("steps natural", new InjectionSchedule(new PiecewiseRate([RateSegment.Constant(100, 3 * S), new RateSegment(100, 0, 4 * S)])));
        yield return Case("replay natural", new InjectionSchedule(new ReplayRate([7, 0, 13, 1])));

        static TestCaseData Case(string name, InjectionSchedule schedule) => new TestCaseData(schedule).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(Schedules))]
    public void A_producer_loop_with_irregular_wake_ups_never_drifts(InjectionSchedule schedule)
    {
        var random = new DeterministicRandom(99);
        long sent = 0;
        var now = TimeSpan.Zero;
        while (!schedule.IsComplete(sent))
        {
            // Late, early and very late wake-ups: the loop only ever sends what is due now.
            now += TimeSpan.FromTicks(1 + random.NextInt64(TimeSpan.TicksPerMillisecond * (random.NextInt64(10) == 0 ? 900 : 30)));
            var due = schedule.Due(now);
            due.Should().BeGreaterThanOrEqualTo(sent);
            sent += due - sent;
            now.Should().BeLessThan(TimeSpan.FromHours(1), "the schedule must finish");
        }

        sent.Should().Be(schedule.Total);
        schedule.Due(now + TimeSpan.FromHours(1)).Should().Be(schedule.Total);
        schedule.Due(schedule.End).Should().Be(schedule.Total);
    }

    [TestCaseSource(nameof(Schedules))]
    public void Due_never_decreases(InjectionSchedule schedule)
    {
        long previous = 0;
        for (var t = TimeSpan.Zero; t <= schedule.End + S; t += TimeSpan.FromMilliseconds(3))
        {
            var due = schedule.Due(t);
            due.Should().BeGreaterThanOrEqualTo(previous);
            previous = due;
        }
    }

    [TestCaseSource(nameof(Schedules))]
    public void When_due_is_the_first_tick_at_which_a_count_is_due(InjectionSchedule schedule)
    {
        var random = new DeterministicRandom(11);
        for (var i = 0; i < 200; i++)
        {
            var count = 1 + random.NextInt64(schedule.Total);
            var at = schedule.WhenDue(count)!.Value;

            schedule.Due(at).Should().BeGreaterThanOrEqualTo(count);
            schedule.Due(at - TimeSpan.FromTicks(1)).Should().BeLessThan(count);
        }

        schedule.WhenDue(0).Should().Be(TimeSpan.Zero);
        schedule.WhenDue(schedule.Total + 1).Should().BeNull();
    }

    [TestCaseSource(nameof(Schedules))]
    public void Shares_add_up_to_the_whole_at_every_moment(InjectionSchedule schedule)
    {
        var shares = Enumerable.Range(0, 3).Select(i => schedule.ForShare(i, 3)).ToArray();

        for (var t = TimeSpan.Zero; t <= schedule.End + S; t += TimeSpan.FromMilliseconds(37))
        {
            shares.Sum(s => s.Due(t)).Should().Be(schedule.Due(t));
        }

        shares.Sum(s => s.Total).Should().Be(schedule.Total);
    }

    [Test]
    public void Shares_split_ordinals_round_robin()
    {
        var schedule = new InjectionSchedule(new ConstantRate(10), records: 10);
        var second = schedule.ForShare(1, 3);

        second.Total.Should().Be(3);
        Enumerable.Range(0, 3).Select(i => second.GlobalOrdinal(i)).Should().Equal(1, 4, 7);
        second.WhenDue(1).Should().Be(TimeSpan.FromMilliseconds(200), "ordinal 1 is the second record, due at 0.2 s");
        FluentActions.Invoking(() => second.ForShare(0, 2)).Should().Throw<InvalidOperationException>();
    }

    [Test]
    public void Record_count_ends_the_schedule()
    {
        var schedule = new InjectionSchedule(new ConstantRate(2500), records: 60_000);

        schedule.Total.Should().Be(60_000);
        schedule.End.Should().Be(24 * S);
        schedule.Due(12 * S).Should().Be(30_000);
        schedule.Due(TimeSpan.FromMilliseconds(1)).Should().Be(2);
    }

    [Test]
    public void Duration_ends_the_schedule()
    {
        var schedule = new InjectionSchedule(new ConstantRate(100), duration: 30 * S);

        schedule.Total.Should().Be(3000);
        schedule.Due(60 * S).Should().Be(3000);
        schedule.End.Should().Be(30 * S);
    }

    [Test]
    public void Natural_duration_ends_the_schedule_when_nothing_else_does()
    {
        var schedule = new InjectionSchedule(new ReplayRate([10, 20]));

        schedule.Duration.Should().Be(2 * S);
        schedule.Total.Should().Be(30);
    }

    [Test]
    public void A_count_keeps_a_shape_going_past_its_natural_end()
    {
        var schedule = new InjectionSchedule(new PiecewiseRate([RateSegment.Constant(100, 10 * S)]), records: 2000);

        schedule.End.Should().Be(20 * S);
    }

    [Test]
    public void Schedules_that_cannot_end_are_refused()
    {
        FluentActions.Invoking(() => new InjectionSchedule(new ConstantRate(10)))
            .Should().Throw<ArgumentException>().WithMessage("*goes on for ever*");
        FluentActions.Invoking(() => new InjectionSchedule(new RampRate(100, 0, 10 * S), records: 1000))
            .Should().Throw<ArgumentException>().WithMessage("*never delivers 1000 records*");
    }
}
