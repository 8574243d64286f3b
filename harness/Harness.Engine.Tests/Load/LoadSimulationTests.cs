using Harness.Engine.Load.Model;

namespace Harness.Engine.Tests.Load;

public sealed class LoadSimulationTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    [Test]
    public void Inject_is_a_constant_rate_per_interval()
    {
        LoadSimulation.Inject(500, S, 30 * S).Should().Be(RateSegment.Constant(500, 30 * S));
        LoadSimulation.Inject(50, TimeSpan.FromMilliseconds(100), 30 * S).Should().Be(RateSegment.Constant(500, 30 * S));
    }

    [Test]
    public void Ramping_inject_starts_from_the_previous_rate()
    {
        LoadSimulation.RampingInject(1000, S, 30 * S, previousPerSecond: 200).Should().Be(new RateSegment(200, 1000, 30 * S));
    }

    [Test]
    public void Sequence_runs_phases_one_after_another_and_ends_with_them()
    {
        var model = LoadSimulation.Sequence(
        [
            LoadSimulation.RampingInject(1000, S, 10 * S, 0),
            LoadSimulation.Inject(1000, S, 20 * S),
            LoadSimulation.Pause(5 * S),
        ]);
        var schedule = new InjectionSchedule(model.Shape);

        model.NaturalDuration.Should().Be(35 * S);
        schedule.Total.Should().Be(5000 + 20_000);
        schedule.Due(30 * S).Should().Be(25_000);
    }

    [Test]
    public void Keep_constant_is_a_closed_model()
    {
        var model = LoadSimulation.KeepConstant(8, 30 * S);

        model.Copies.Should().Be(8);
        model.NaturalDuration.Should().Be(30 * S);
        model.ToString().Should().Be("keepConstant 8 during 30s");
    }
}
