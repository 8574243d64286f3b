using Harness.Engine.Scenarios;
using Harness.Engine.Sizing;
using Harness.Testing;

namespace Harness.Engine.Tests.Sizing;

public sealed class SizingInputTests
{
    [Test]
    public void The_sizing_section_is_read_and_a_run_ignores_it()
    {
        var yaml = SizingProfiles.Yaml + """

            sizing:
              slo: {p99: 1500ms}
              headroom: 1.5
              tasks: [4, 1, 2]
              levelDuration: 20s
              precision: 10%
              throttle: 2500
              backfill: 2GB
              cutoverWindow: 48h
              storageOverhead: 25%
            """;

        var spec = SizingSpecReader.Read(yaml, "s.yaml");

        spec.SloP99.Should().Be(TimeSpan.FromMilliseconds(1500));
        spec.Headroom.Should().Be(1.5);
        spec.Tasks.Should().Equal(1, 2, 4);
        spec.LevelDuration.Should().Be(TimeSpan.FromSeconds(20));
        spec.Precision.Should().Be(0.1);
        spec.ThrottlePerTask.Should().Be(2500);
        spec.BackfillBytes.Should().Be(2_000_000_000);
        spec.CutoverWindow.Should().Be(TimeSpan.FromHours(48));
        spec.StorageOverhead.Should().Be(0.25);
        spec.ReplicationFactor.Should().Be(3, "unset keys keep their defaults");
        ScenarioLoader.Parse(yaml, "s.yaml").Topics.Should().HaveCount(3);
    }

    [Test]
    public void Mistakes_in_the_sizing_section_are_located_and_explained()
    {
        var yaml = SizingProfiles.Yaml + "\nsizing:\n  headroon: 2\n  tasks: [0]\n";

        var read = () => SizingSpecReader.Read(yaml, "s.yaml");

        var errors = read.Should().Throw<ScenarioException>().Which.Errors.Select(e => e.ToString()).ToList();
        errors.Should().ContainMatch("s.yaml:*unknown key 'headroon' in sizing (did you mean 'headroom'?)*");
        errors.Should().ContainMatch("s.yaml:*sizing.tasks[0]*");
    }

    [Test]
    public void The_shipped_msk_table_has_the_published_figures_with_their_sources()
    {
        var table = InstanceTableReader.LoadFile(Path.Combine(RepositoryRoot.Path, "docs", "instances", "msk-standard.yaml"));

        table.Zones.Should().Be(3);
        table.Types.Select(t => (t.Name, t.MaxPartitions.Value)).Should().Equal(
            ("kafka.m5.large", 1000), ("kafka.m5.xlarge", 1000), ("kafka.m5.2xlarge", 2000), ("kafka.m5.4xlarge", 4000), ("kafka.m5.8xlarge", 4000));
        table.Types.Should().OnlyContain(t => t.StorageThroughputMiBps!.Value == 250 && t.MaxPartitions.Source.StartsWith("https://docs.aws.amazon.com/msk/", StringComparison.Ordinal));
        table.Rules.Should().Contain(r => r.Name == "cpuTarget" && r.Value.Contains("60%", StringComparison.Ordinal));
    }

    [Test]
    public void An_instance_figure_without_its_source_is_an_error()
    {
        var read = () => InstanceTableReader.Parse("name: t\ninstances:\n  - {name: a, maxPartitions: {value: 10}}\n", "t.yaml");

        read.Should().Throw<ScenarioException>().Which.Errors.Select(e => e.ToString())
            .Should().ContainMatch("t.yaml:3:*missing required key 'source' in instances[0].maxPartitions*");
    }

    [Test]
    public void The_sizing_scenario_loads_and_scales_the_logging_profile()
    {
        var path = Path.Combine(RepositoryRoot.Path, "scenarios", "sizing.yaml");
        var scenario = ScenarioLoader.LoadFile(path);
        var spec = SizingSpecReader.Read(File.ReadAllText(path), path);

        spec.Tasks.Should().Equal(1, 4);
        spec.Instances.Should().Be("../docs/instances/msk-standard.yaml");
        var shape = ProfileShape.From(scenario, spec.DefaultRetention);
        shape.ClassPeaks.Keys.Should().BeEquivalentTo("high", "medium", "low");
        shape.MeanRecordsPerSecond.Should().BeInRange(2500, 3500, "the logging cluster sends about 190,000 records in a minute");
    }
}
