using Harness.Engine.Load.Model;

namespace Harness.Engine.Tests.Load;

public sealed class RateShapeTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    public static IEnumerable<TestCaseData> Shapes()
    {
        yield return Case(new ConstantRate(250));
        yield return Case(new RampRate(100, 1000, 30 * S));
        yield return Case(new RampRate(800, 0, 20 * S));
        yield return Case(new PiecewiseRate([RateSegment.Constant(100, 10 * S), new RateSegment(100, 500, 5 * S), RateSegment.Constant(0, 3 * S)]));
        yield return Case(new SpikeRate(100, 2000, 10 * S, 5 * S));
        yield return Case(new SineRate(500, 300, 60 * S));
        yield return Case(new SineRate(40, 40, 7 * S));
        yield return Case(new ReplayRate([10, 20, 0, 30, 5.5]));

        static TestCaseData Case(RateShape shape) => new TestCaseData(shape).SetArgDisplayNames(shape.ToString());
    }

    [TestCaseSource(nameof(Shapes))]
    public void Cumulative_is_the_integral_of_the_rate(RateShape shape)
    {
        // Midpoint rule on a fine grid; each step is small against every feature of the shapes.
        const double Step = 0.001;
        double integral = 0;
        for (var t = 0.0; t < 45; t += Step)
        {
            integral += shape.RateAt(TimeSpan.FromSeconds(t + (Step / 2))) * Step;
            var at = Math.Round(t + Step, 3);
            if (Math.Abs(at - Math.Round(at)) < 1e-9)
            {
                shape.CumulativeAt(TimeSpan.FromSeconds(at)).Should().BeApproximately(integral, 0.05 + (integral * 1e-4), $"at {at}s");
            }
        }
    }

    [TestCaseSource(nameof(Shapes))]
    public void Expected_counts_of_adjacent_windows_add_up(RateShape shape)
    {
        long sum = 0;
        var edge = TimeSpan.Zero;
        var random = new DeterministicRandom(5);
        while (edge < 60 * S)
        {
            var next = edge + TimeSpan.FromMilliseconds(1 + random.NextInt64(700));
            sum += shape.ExpectedCount(edge, next);
            edge = next;
        }

        sum.Should().Be(shape.ExpectedCount(TimeSpan.Zero, edge));
    }

    [TestCaseSource(nameof(Shapes))]
    public void Rates_are_never_negative_and_time_before_the_start_counts_as_the_start(RateShape shape)
    {
        Enumerable.Range(0, 600).Select(i => shape.RateAt(TimeSpan.FromSeconds(i / 10.0))).Should().OnlyContain(r => r >= 0);
        shape.CumulativeAt(-5 * S).Should().Be(0);
        shape.ExpectedCount(10 * S, 5 * S).Should().Be(0);
    }

    [Test]
    public void Constant_rate_counts_exactly()
    {
        var shape = new ConstantRate(2500);

        shape.ExpectedCount(TimeSpan.Zero, 24 * S).Should().Be(60_000);
        shape.ExpectedCount(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)).Should().Be(250);
        shape.NaturalDuration.Should().BeNull();
    }

    [Test]
    public void Ramp_integrates_to_its_trapezoid_and_then_holds()
    {
        var shape = new RampRate(500, 2000, 10 * S);

        shape.RateAt(5 * S).Should().Be(1250);
        shape.RateAt(60 * S).Should().Be(2000);
        shape.ExpectedCount(TimeSpan.Zero, 10 * S).Should().Be(12_500);
        shape.ExpectedCount(10 * S, 20 * S).Should().Be(20_000);
    }

    [Test]
    public void Steps_have_a_natural_duration_and_hold_the_last_rate()
    {
        var shape = new PiecewiseRate([RateSegment.Constant(100, 10 * S), RateSegment.Constant(300, 20 * S)]);

        shape.NaturalDuration.Should().Be(30 * S);
        shape.ExpectedCount(TimeSpan.Zero, 30 * S).Should().Be(7000);
        shape.RateAt(9.999 * S).Should().Be(100);
        shape.RateAt(10 * S).Should().Be(300);
        shape.RateAt(100 * S).Should().Be(300);
    }

    [Test]
    public void Spike_adds_its_extra_records_only_inside_the_window()
    {
        var shape = new SpikeRate(100, 2000, 10 * S, 5 * S);

        shape.ExpectedCount(TimeSpan.Zero, 10 * S).Should().Be(1000);
        shape.ExpectedCount(10 * S, 15 * S).Should().Be(10_000);
        shape.ExpectedCount(15 * S, 20 * S).Should().Be(500);
        shape.RateAt(15 * S).Should().Be(100, "the window is half open");
    }

    [Test]
    public void Sine_averages_to_its_mean_over_whole_periods()
    {
        var shape = new SineRate(500, 300, 60 * S);

        shape.ExpectedCount(TimeSpan.Zero, 60 * S).Should().Be(30_000);
        shape.ExpectedCount(TimeSpan.Zero, 180 * S).Should().Be(90_000);
        shape.RateAt(15 * S).Should().BeApproximately(800, 1e-9);
        shape.RateAt(45 * S).Should().BeApproximately(200, 1e-9);
        shape.ExpectedCount(TimeSpan.Zero, 30 * S).Should().Be(15_000 + 5729, "the first half-wave carries 300 * 60 / pi extra records");
    }

    [Test]
    public void Replay_plays_each_second_then_repeats()
    {
        var shape = new ReplayRate([10, 20, 0, 30]);

        shape.NaturalDuration.Should().Be(4 * S);
        Enumerable.Range(0, 8).Select(i => shape.ExpectedCount(i * S, (i + 1) * S)).Should().Equal(10, 20, 0, 30, 10, 20, 0, 30);
        shape.ExpectedCount(TimeSpan.Zero, TimeSpan.FromMilliseconds(1500)).Should().Be(20);
    }

    [Test]
    public void Invalid_shapes_are_refused()
    {
        FluentActions.Invoking(() => new ConstantRate(-1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ConstantRate(double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new RampRate(1, 2, TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new SineRate(100, 101, S)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new PiecewiseRate([])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ReplayRate([0, 0])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new SpikeRate(1, 2, -S, S)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
