using Harness.Engine.Load.Model;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Scenarios;

/// <summary><c>harness run --duration</c>: one factor for every load-timed part of a scenario, and what it leaves alone.</summary>
public sealed class DurationStretchTests
{
    private const string Timed = """
        name: timed
        topics:
          - {name: ramp, partitions: 1, rate: {shape: ramp, from: 10, to: 100, over: 30s}, duration: 60s}
          - {name: steps, partitions: 1, rate: {shape: steps, steps: [{rate: 10, for: 10s}, {rate: 50, for: 20s}]}}
          - {name: spike, partitions: 1, rate: {shape: spike, base: 10, peak: 100, at: 20s, for: 5s}, records: 1_000}
          - {name: wave, partitions: 1, rate: {shape: sine, mean: 100, amplitude: 50, period: 20s}, duration: 40s}
          - {name: replay, partitions: 1, rate: {shape: replay, perSecond: [10, 20, 30]}}
        apps:
          - name: billing
            consumers: {group: billing, topics: [ramp]}
        cutover:
          - {after: 30s, deadline: 9s, moveConsumers: {apps: [billing]}}
        faults:
          - {at: 15s, for: 10s, killBroker: {side: source, broker: 1}, recoverWithin: 20s}
          - {at: 20s, for: 20s, heapPressure: {limitMiB: 256, over: 12s}}
          - {at: after 600 records, for: 100ms, pauseReplicator: {}}
          - {at: 5s after moveConsumers, for: 4s, killBroker: {side: target, broker: 1}}
        expect:
          drainWithin: 45s
        """;

    [Test]
    public void The_length_is_the_longest_topics_load()
    {
        var scenario = ScenarioText.Load(Timed);

        // ramp: its duration; steps: their sum (30 s); spike: when its 1,000th record falls due (55 s); wave: 40 s; replay: 3 s.
        new InjectionSchedule(((OpenLoadModel)scenario.Topics[2].Rate).Shape, 1_000).End.Should().Be(TimeSpan.FromSeconds(55));
        DurationStretch.LengthOf(scenario).Should().Be(TimeSpan.FromSeconds(60));
    }

    [Test]
    public void Doubling_stretches_shapes_durations_counts_faults_and_cutover_times_by_two()
    {
        var scenario = ScenarioText.Load(Timed);
        var from = DurationStretch.LengthOf(scenario)!.Value;

        var stretched = DurationStretch.For(scenario, from * 2)!.Apply(scenario);

        stretched.Stretch!.Factor.Should().BeApproximately(2, 1e-9);
        DurationStretch.LengthOf(stretched).Should().BeCloseTo(from * 2, TimeSpan.FromMilliseconds(20));
        var topics = stretched.Topics.ToDictionary(t => t.Name);
        topics["ramp"].Duration.Should().Be(TimeSpan.FromSeconds(120));
        ((RampRate)Shape(topics["ramp"])).Over.Should().Be(TimeSpan.FromSeconds(60));
        ((PiecewiseRate)Shape(topics["steps"])).Segments.Select(s => s.Length).Should().Equal(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40));
        var spike = (SpikeRate)Shape(topics["spike"]);
        (spike.At, spike.Duration, topics["spike"].Records).Should().Be((TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(10), 2_000L));
        ((SineRate)Shape(topics["wave"])).Period.Should().Be(TimeSpan.FromSeconds(40));
        ((ReplayRate)Shape(topics["replay"])).PerSecond.Should().Equal(10, 10, 20, 20, 30, 30);

        stretched.Faults[0].At.Time.Should().Be(TimeSpan.FromSeconds(30));
        stretched.Faults[0].Duration.Should().Be(TimeSpan.FromSeconds(20));
        stretched.Faults[1].Parameters["over"].Should().Be("24s");
        stretched.Faults[2].At.AfterRecords.Should().Be(1_200);
        stretched.Faults[3].At.Should().Be(FaultTrigger.AfterCutoverStep(CutoverAction.MoveConsumers, TimeSpan.FromSeconds(10)));
        stretched.Faults[3].Duration.Should().Be(TimeSpan.FromSeconds(8));
        stretched.Cutover[0].Trigger.After.Should().Be(TimeSpan.FromSeconds(60));

        // Deadlines bound reactions, not the schedule: they stay as written.
        stretched.Faults[0].RecoverWithin.Should().Be(TimeSpan.FromSeconds(20));
        stretched.Cutover[0].Deadline.Should().Be(TimeSpan.FromSeconds(9));
        stretched.Expect.DrainWithin.Should().Be(TimeSpan.FromSeconds(45));
    }

    [Test]
    public void Shrinking_keeps_faults_written_a_second_or_longer_at_least_a_second_long()
    {
        var scenario = ScenarioText.Load(Timed);

        var shrunk = DurationStretch.For(scenario, TimeSpan.FromSeconds(1))!.Apply(scenario);

        shrunk.Faults[0].Duration.Should().Be(TimeSpan.FromSeconds(1));
        shrunk.Faults[1].Parameters["over"].Should().Be("1s");
        shrunk.Faults[2].Duration.Should().BeLessThan(TimeSpan.FromMilliseconds(100), "a fault written shorter than a second shrinks with the rest");
        shrunk.Faults[0].At.Time.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    [Test]
    public void A_load_without_a_length_cannot_be_stretched()
    {
        var scenario = ScenarioText.Load("""
            name: closed
            topics:
              - {name: t, partitions: 1, rate: {keepConstant: 4}, records: 1000}
            """);

        DurationStretch.LengthOf(scenario).Should().BeNull();
        DurationStretch.For(scenario, TimeSpan.FromMinutes(1)).Should().BeNull();
    }

    [TestCase("20s", 20)]
    [TestCase("2h", 7200)]
    [TestCase("1m30s", 90)]
    public void A_duration_is_read_as_scenarios_write_one(string text, int seconds) =>
        DurationStretch.ParseLength(text).Should().Be(TimeSpan.FromSeconds(seconds));

    [TestCase("")]
    [TestCase("0s")]
    [TestCase("500ms")]
    [TestCase("169h")]
    [TestCase("two hours")]
    public void A_duration_outside_1s_to_168h_is_refused(string text) =>
        DurationStretch.ParseLength(text).Should().BeNull();

    [TestCase(20, 1)]
    [TestCase(1800, 1)]
    [TestCase(7200, 4)]
    public void Long_runs_sample_less_often_to_keep_about_1800_samples(int seconds, int interval) =>
        DurationStretch.SampleIntervalFor(TimeSpan.FromSeconds(seconds)).Should().Be(TimeSpan.FromSeconds(interval));

    [Test]
    public void The_soak_stretched_to_20s_keeps_its_shape_in_20s()
    {
        var soak = ScenarioLoader.LoadFile(Path.Combine(Harness.Testing.RepositoryRoot.Path, "scenarios", "soak.yaml"));
        DurationStretch.LengthOf(soak).Should().Be(TimeSpan.FromMinutes(30));

        var quick = DurationStretch.For(soak, TimeSpan.FromSeconds(20))!.Apply(soak);

        quick.Topics.Should().OnlyContain(t => t.Duration == TimeSpan.FromSeconds(20));
        ((SineRate)Shape(quick.Topics[0])).Period.Should().Be(TimeSpan.FromSeconds(20));
        quick.Faults.Select(f => f.At.Time!.Value).Should().BeInAscendingOrder().And.OnlyContain(t => t < TimeSpan.FromSeconds(20));
        quick.Faults.Should().OnlyContain(f => f.Duration >= TimeSpan.FromSeconds(1));
        quick.Expect.Memory.MaxSlopeMiBPerMinute.Should().Be(5);
    }

    private static RateShape Shape(TopicSpec topic) => ((OpenLoadModel)topic.Rate).Shape;
}
