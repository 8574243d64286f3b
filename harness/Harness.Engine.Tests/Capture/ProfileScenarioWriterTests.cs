using Harness.Engine.Capture;
using Harness.Engine.Load.Model;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Capture;

public sealed class ProfileScenarioWriterTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    [Test]
    public void The_written_scenario_loads_and_keeps_structure_rates_shapes_configs_and_groups()
    {
        var profile = Profile(
            [
                Topic("orders", 6, 30 * 400, Steady(400)) with
                {
                    Configs = new Dictionary<string, string> { ["retention.ms"] = "3600000", ["cleanup.policy"] = "compact,delete" },
                    Size = new HistogramSize([new SizeBucket(200, 3), new SizeBucket(1_000, 1)]),
                    Keys = new KeyEstimate(new ZipfKeys(5_000, 1.13), "120 distinct keys"),
                    HeaderCount = 1.6,
                    HeaderSize = 12.4,
                },
                Topic("clicks", 12, 30 * 2_000, Steady(2_000)) with { Size = new FixedSize(300), Keys = new KeyEstimate(new UniformKeys(800), "uniform") },
                Topic("audit", 3, 30 * 5, Steady(5)) with { Keys = new KeyEstimate(new SequentialKeys(null), "all new") },
            ],
            [
                new GroupProfile { Group = "billing", Topics = ["orders"], Committed = 3_000, End = 12_000, Lag = 9_000 },
                new GroupProfile { Group = "analytics", Topics = ["audit", "clicks"], Committed = 60_150, End = 60_150, Lag = 0 },
            ]);

        var scenario = ScenarioLoader.Parse(ProfileScenarioWriter.Write(profile, "prod copy"), "profile.yaml");

        scenario.Name.Should().Be("prod copy");
        scenario.Topics.Select(t => (t.Name, t.Partitions)).Should().Equal(("orders", 6), ("clicks", 12), ("audit", 3));
        scenario.Topics.Select(t => t.CreateSchedule()!.Total).Should().Equal(12_000, 60_000, 150);
        scenario.Topics.Select(t => t.Duration).Should().OnlyContain(d => d == Window);
        scenario.Topics.Select(t => t.Volume).Should().Equal(TopicVolume.Medium, TopicVolume.High, TopicVolume.Low);
        var orders = scenario.Topics[0];
        orders.Configs.Should().Equal(new Dictionary<string, string> { ["cleanup.policy"] = "compact,delete", ["retention.ms"] = "3600000" });
        orders.Size.Should().BeOfType<HistogramSize>().Which.Buckets.Select(b => (b.Size, b.Weight)).Should().Equal((200, 3.0), (1_000, 1.0));
        orders.Keys.Should().BeOfType<ZipfKeys>().Which.Exponent.Should().Be(1.13);
        orders.Headers.Should().Be(new HeaderShape(2, 12));
        scenario.Topics[1].Size.Should().BeOfType<FixedSize>().Which.Bytes.Should().Be(300);
        scenario.Topics[1].Keys.Should().BeOfType<UniformKeys>().Which.Count.Should().Be(800);
        scenario.Topics[2].Keys.Should().BeOfType<SequentialKeys>();
        scenario.Consumers.Select(c => (c.Group, string.Join('+', c.Topics), c.Progress)).Should().Equal(("billing", "orders", 0.25), ("analytics", "audit+clicks", 1.0));
        scenario.Replicator.Kind.Should().Be("builtin");
    }

    [Test]
    public void A_varying_rate_is_replayed_second_by_second()
    {
        var series = Enumerable.Range(0, 30).Select(s => s < 10 ? 100.0 : s < 20 ? 900.0 : 300.0).ToList();
        var profile = Profile([Topic("bursty", 4, (long)series.Sum(), series)], []);

        var topic = ScenarioLoader.Parse(ProfileScenarioWriter.Write(profile), "profile.yaml").Topics.Single();

        var schedule = topic.CreateSchedule()!;
        schedule.Total.Should().Be(13_000);
        (schedule.Due(TimeSpan.FromSeconds(10)), schedule.Due(TimeSpan.FromSeconds(20))).Should().Be((1_000L, 10_000L));
    }

    [Test]
    public void Awkward_names_stay_text_and_an_idle_topic_keeps_its_place()
    {
        var profile = Profile(
            [Topic("null", 2, 30, Steady(1)), Topic("true", 1, 0, Steady(0))],
            [new GroupProfile { Group = "team \"a\" \\ b: c", Topics = ["null"], Committed = 10, End = 30, Lag = 20 }]);

        var scenario = ScenarioLoader.Parse(ProfileScenarioWriter.Write(profile), "profile.yaml");

        scenario.Topics.Select(t => t.Name).Should().Equal("null", "true");
        scenario.Topics[1].CreateSchedule()!.Total.Should().Be(1, "an idle topic is kept with a single record");
        scenario.Consumers.Single().Group.Should().Be("team \"a\" \\ b: c");
        scenario.Consumers.Single().Progress.Should().BeApproximately(1.0 / 3, 0.0001);
    }

    private static List<double> Steady(double rate) => Enumerable.Repeat(rate, 30).ToList();

    private static TopicProfile Topic(string name, int partitions, long records, List<double> perSecond) => new()
    {
        Name = name,
        Partitions = partitions,
        Records = records,
        Rate = records / Window.TotalSeconds,
        PerSecond = perSecond,
        Sampled = 100,
        Size = new FixedSize(100),
        Keys = new KeyEstimate(NoKeys.Instance, "no keys"),
    };

    private static ClusterProfile Profile(IReadOnlyList<TopicProfile> topics, IReadOnlyList<GroupProfile> groups) => new()
    {
        Bootstrap = "kafka-1:9092",
        CapturedAt = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero),
        Window = Window,
        SampleLimit = 100,
        Brokers = 5,
        Topics = topics,
        Groups = groups,
        SkippedTopics = ["__consumer_offsets"],
    };
}
