using Harness.Engine.Load.Model;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Scenarios;

/// <summary>The seed-shaped scenarios keep the shape the issue asks for, and a size a 2-core machine runs in minutes.</summary>
public sealed class SeedScenarioFilesTests
{
    private const int MaxRecordsPerSecond = 6_000;

    [TestCase("logging-cluster.yaml")]
    [TestCase("main-cluster.yaml")]
    public void Seed_scenarios_send_a_few_hundred_thousand_records_in_a_minute_at_modest_rates(string file)
    {
        var scenario = Load(file);
        var schedules = scenario.Topics.Select(t => t.CreateSchedule()!).ToList();

        schedules.Sum(s => s.Total).Should().BeInRange(150_000, 250_000);
        schedules.Max(s => s.End).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(60));
        var peak = Enumerable.Range(0, 60).Max(s => schedules.Sum(x => x.Due(TimeSpan.FromSeconds(s + 1)) - x.Due(TimeSpan.FromSeconds(s))));
        peak.Should().BeLessThanOrEqualTo(MaxRecordsPerSecond);
        scenario.Replicator.Kind.Should().Be("builtin");
        scenario.Faults.Should().BeEmpty();
        // The rehearsal of the real migration: consumers moved first, producers after, the replicator taken offline.
        scenario.Cutover.Select(s => s.Action).Should().Equal(CutoverAction.MoveConsumers, CutoverAction.MoveProducers, CutoverAction.StopReplicator);
    }

    [Test]
    public void Logging_cluster_has_few_producers_bursty_web_and_nginx_logs_and_lognormal_sizes()
    {
        var scenario = Load("logging-cluster.yaml");

        // The four log topics, and the alerts the cut-over's live apps write and read.
        scenario.Topics.Select(t => t.Name).Should().BeEquivalentTo("web.access-logs", "web.error-logs", "nginx.access-logs", "nginx.error-logs", "security.alerts");
        scenario.Topics.Sum(t => t.Producers).Should().BeLessThanOrEqualTo(6);
        scenario.Topics.Should().OnlyContain(t => t.Size is LogNormalSize);
        var shapes = scenario.Topics.Select(t => ((OpenLoadModel)t.Rate).Shape).ToList();
        shapes.Should().Contain(s => s is SineRate).And.Contain(s => s is SpikeRate).And.Contain(s => s is PiecewiseRate);
        foreach (var topic in scenario.Topics)
        {
            // Bursty: every topic's busiest second is well above its average.
            var schedule = topic.CreateSchedule()!;
            var seconds = (int)Math.Ceiling(schedule.End.TotalSeconds);
            var busiest = Enumerable.Range(0, seconds).Max(s => schedule.Due(TimeSpan.FromSeconds(s + 1)) - schedule.Due(TimeSpan.FromSeconds(s)));
            busiest.Should().BeGreaterThan((long)(1.5 * schedule.Total / seconds), topic.Name);
        }

        scenario.Consumers.Should().HaveCountGreaterThanOrEqualTo(3);
    }

    [Test]
    public void Main_cluster_has_business_service_and_feature_topics_in_three_volume_classes_and_many_groups()
    {
        var scenario = Load("main-cluster.yaml");

        scenario.Topics.Should().Contain(t => t.Name.EndsWith(".events", StringComparison.Ordinal))
            .And.Contain(t => t.Name.StartsWith("svc.", StringComparison.Ordinal))
            .And.Contain(t => t.Name.StartsWith("ml.features.", StringComparison.Ordinal));
        foreach (var volume in new[] { TopicVolume.High, TopicVolume.Medium, TopicVolume.Low })
        {
            scenario.Topics.Count(t => t.Volume == volume).Should().BeGreaterThanOrEqualTo(3, volume.ToString());
        }

        // The classes are what their names say: every high topic is busier than every medium one, and so on.
        double Rate(TopicSpec t) => t.CreateSchedule()!.Total / t.CreateSchedule()!.End.TotalSeconds;
        var byClass = scenario.Topics.GroupBy(t => t.Volume!.Value).ToDictionary(g => g.Key, g => g.Select(Rate).ToList());
        byClass[TopicVolume.High].Min().Should().BeGreaterThan(byClass[TopicVolume.Medium].Max());
        byClass[TopicVolume.Medium].Min().Should().BeGreaterThan(byClass[TopicVolume.Low].Max());

        scenario.Consumers.Should().HaveCountGreaterThanOrEqualTo(10);
        scenario.Consumers.Min(c => c.Progress).Should().BeLessThanOrEqualTo(0.1);
        scenario.Consumers.Max(c => c.Progress).Should().BeGreaterThanOrEqualTo(0.95);
        scenario.Consumers.SelectMany(c => c.Topics).Concat(scenario.Apps.SelectMany(a => a.Consumer?.Topics ?? []))
            .Distinct().Should().HaveCount(scenario.Topics.Count, "every topic has a reader, a seeded group or a live app");
    }

    private static Scenario Load(string file)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Harness.sln")))
        {
            directory = directory.Parent;
        }

        return ScenarioLoader.LoadFile(Path.Combine(directory.FullName, "scenarios", file));
    }
}
