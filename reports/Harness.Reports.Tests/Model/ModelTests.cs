using Harness.Reports.Model;

namespace Harness.Reports.Tests.Model;

public sealed class ModelTests
{
    [Test]
    public void Scenario_text_is_redacted_when_assigned()
    {
        var scenario = new ScenarioInfo { Name = "s", Text = SampleRuns.ScenarioYaml };

        scenario.Text.Should().NotContain(SampleRuns.SecretMarker).And.Contain("load:");
        (scenario with { Text = "token: abc" }).Text.Should().Be("token: ******");
    }

    [Test]
    public void Topic_parity_sums_partitions_per_topic_pair()
    {
        var topics = TopicParity.Summarize(SampleRuns.Failing().Parity);

        topics.Should().HaveCount(2);
        topics[0].Should().BeEquivalentTo(new TopicParity
        {
            SourceTopic = "orders", TargetTopic = "source.orders", Partitions = 2, Produced = 122_111,
            Replicated = 122_111, Duplicated = 3,
        });
        topics[1].SourceTopic.Should().Be("payments");
    }

    [Test]
    public void Fault_marker_follows_its_fault()
    {
        var fault = new FaultEntry { Id = "f1", Kind = "broker-kill", StartSeconds = 30, EndSeconds = 45 };

        FaultMarker.From(fault).Should().Be(new FaultMarker
        {
            Label = "f1 broker-kill", OffsetSeconds = 30, EndOffsetSeconds = 45, FaultId = "f1",
        });
    }

    [Test]
    public void Environment_capture_describes_this_process()
    {
        var environment = RunEnvironment.Capture("1.2.3", "embedded", "external", "mm2");

        environment.MachineName.Should().Be(System.Environment.MachineName);
        environment.DotNetVersion.Should().StartWith(".NET");
        environment.OperatingSystem.Should().NotBeNullOrWhiteSpace();
        environment.Should().BeEquivalentTo(
            new { HarnessVersion = "1.2.3", SourceClusterBackend = "embedded", TargetClusterBackend = "external", ReplicatorKind = "mm2" });
    }

    [Test]
    public void A_new_result_has_the_current_schema_version_and_empty_lists()
    {
        var run = SampleRuns.Bare();

        run.SchemaVersion.Should().Be("1.5");
        run.Checks.Should().BeEmpty();
        run.Parity.Should().BeEmpty();
        run.OffsetTranslation.Should().BeEmpty();
        run.Switchover.Should().BeEmpty();
        run.Anomalies.Should().BeEmpty();
        run.Faults.Should().BeEmpty();
        run.TimeSeries.Samples.Should().BeEmpty();
        run.TimeSeries.Markers.Should().BeEmpty();
    }
}
