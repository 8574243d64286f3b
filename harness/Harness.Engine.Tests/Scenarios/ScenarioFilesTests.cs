using Harness.Engine.Clusters.Embedded;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Scenarios;

public sealed class ScenarioFilesTests
{
    private static readonly string ScenariosFolder = Path.Combine(RepositoryRoot(AppContext.BaseDirectory), "scenarios");

    private static readonly string SmokePath = Path.Combine(ScenariosFolder, "smoke.yaml");

    public static IEnumerable<TestCaseData> ScenarioFiles() =>
        Directory.EnumerateFiles(ScenariosFolder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetRelativePath(ScenariosFolder, f)));

    [TestCaseSource(nameof(ScenarioFiles))]
    public void Every_scenario_file_loads(string path)
    {
        var scenario = ScenarioLoader.LoadFile(path);

        scenario.Topics.Should().NotBeEmpty();
        scenario.Source.Should().Be(path);
        foreach (var topic in scenario.Topics)
        {
            // A closed model has no schedule; an open one must end.
            topic.CreateSchedule()?.Total.Should().BePositive();
        }
    }

    [Test]
    public void Scenario_folder_holds_at_least_the_smoke_scenario() =>
        ScenarioFiles().Select(c => (string)c.Arguments[0]!).Should().Contain(SmokePath);

    [Test]
    public void Smoke_scenario_has_the_promised_shape()
    {
        var scenario = ScenarioLoader.LoadFile(SmokePath);

        scenario.Name.Should().Be("smoke");
        scenario.Clusters.Source.Should().Be(new ClusterSpec("embedded", new EmbeddedClusterSettings(3)));
        scenario.Clusters.Target.Should().Be(new ClusterSpec("embedded", new EmbeddedClusterSettings(3)));
        scenario.Topics.Select(t => (t.Name, t.Partitions)).Should().Equal(("orders", 6), ("clicks", 12), ("audit", 3));
        scenario.Topics.Sum(t => t.CreateSchedule()!.Total).Should().BeGreaterThanOrEqualTo(100_000);
        scenario.Topics.Max(t => t.CreateSchedule()!.End).Should().BeGreaterThan(TimeSpan.FromSeconds(15)).And.BeLessThan(TimeSpan.FromSeconds(30));
        scenario.Topics.Should().OnlyContain(t => t.Size.Min >= 200 && t.Size.Max <= 1000);
        scenario.Replicator.Kind.Should().Be("builtin");
        scenario.Replicator.Policy.Should().Be(ReplicationPolicyKind.Identity);
        scenario.Consumers.Select(c => c.Progress).Should().Equal(0.3, 0.7);
        scenario.Faults.Should().BeEmpty();
        scenario.Expect.Lost.Should().Be(Tolerance.Zero);
        scenario.Expect.Reordered.Should().Be(Tolerance.Zero);
        scenario.Expect.Duplicates.Should().Be(Tolerance.Fraction(0.001));
    }

    [Test]
    public void Smoke_scenario_peak_rate_suits_a_small_machine()
    {
        var scenario = ScenarioLoader.LoadFile(SmokePath);
        var schedules = scenario.Topics.Select(t => t.CreateSchedule()!).ToList();

        // The busiest second across all topics together.
        var peak = Enumerable.Range(0, 30)
            .Max(s => schedules.Sum(x => x.Due(TimeSpan.FromSeconds(s + 1)) - x.Due(TimeSpan.FromSeconds(s))));
        peak.Should().BeInRange(4_000, 8_000);
    }

    /// <summary>The checkout root: the first directory upwards that holds Harness.sln.</summary>
    private static string RepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Harness.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Harness.sln not found above " + start);
    }
}
