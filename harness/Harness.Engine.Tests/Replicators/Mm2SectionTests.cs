using Harness.Engine.Replicators.Mm2;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Replicators;

/// <summary>The keys of <c>kind: mm2</c> and what they declare; validation never looks for the distribution.</summary>
public sealed class Mm2SectionTests
{
    private static string Scenario(string replicator) => $$"""
        name: mm2
        topics:
          - {name: orders, partitions: 3, rate: 100, records: 100}
        replicator:
        {{replicator}}
        """;

    [Test]
    public void The_keys_are_read_into_the_settings()
    {
        var scenario = ScenarioLoader.Parse(Scenario("  kind: mm2\n  kafkaHome: /nowhere/kafka\n  tasks: 8\n  heap: 2g"));

        scenario.Replicator.Settings.Should().Be(new Mm2ReplicatorSettings("/nowhere/kafka", 8, 2048));
    }

    [Test]
    public void Every_key_is_optional_and_the_distribution_is_not_looked_for()
    {
        var scenario = ScenarioLoader.Parse(Scenario("  kind: mm2"));

        scenario.Replicator.Settings.Should().Be(new Mm2ReplicatorSettings(null, null, null));
    }

    [Test]
    public void The_capabilities_are_those_of_a_process_with_a_heap_limit_and_no_ballast()
    {
        var capabilities = ScenarioLoader.Parse(Scenario("  kind: mm2")).Replicator.Capabilities;

        capabilities.Should().BeEquivalentTo(new ReplicatorCapabilities
        {
            ProcessFaults = true,
            HeapLimit = true,
            HeapBallast = false,
            Metrics = false,
            CreatesTargetTopics = true,
            MirrorsTopicConfigs = true,
            EmitsHeartbeats = true,
        });
    }

    [Test]
    public void A_prometheus_endpoint_is_read_and_declares_metrics()
    {
        var replicator = ScenarioLoader.Parse(Scenario("  kind: mm2\n  metrics: {prometheus: http://mm2-host:9404/metrics}")).Replicator;

        replicator.Settings.Should().Be(new Mm2ReplicatorSettings(null, null, null, new Uri("http://mm2-host:9404/metrics")));
        replicator.Capabilities.Metrics.Should().BeTrue();
    }

    [TestCase("metrics: {prometheus: 'ftp://mm2-host/metrics'}", "mm2.yaml:6:", "replicator.metrics.prometheus is 'ftp://mm2-host/metrics'")]
    [TestCase("metrics: {prometheus: 'mm2-host:9404/metrics'}", "mm2.yaml:6:", "replicator.metrics.prometheus is 'mm2-host:9404/metrics'")]
    [TestCase("metrics: {}", "mm2.yaml:6:", "missing required key 'prometheus' in replicator.metrics")]
    [TestCase("metrics: {prometheus: http://h/m, jmx: 1}", "mm2.yaml:6:", "unknown key 'jmx' in replicator.metrics")]
    [TestCase("metrics: http://mm2-host:9404/metrics", "mm2.yaml:6:", "replicator.metrics")]
    public void A_bad_metrics_section_is_refused_on_one_line_with_its_location(string line, string where, string expected)
    {
        var error = FluentActions.Invoking(() => ScenarioLoader.Parse(Scenario($"  kind: mm2\n  {line}"), "mm2.yaml"))
            .Should().Throw<ScenarioException>().Which;

        var message = error.Errors.Should().ContainSingle().Which.ToString();
        message.Should().StartWith(where).And.Contain(expected).And.NotContain("\n");
    }

    [TestCase("heap: 512", "replicator.heap is '512'")]
    [TestCase("heap: 16m", "replicator.heap is '16m'")]
    [TestCase("heap: 1.5g", "replicator.heap is '1.5g'")]
    [TestCase("tasks: 0", "replicator.tasks")]
    [TestCase("kafkaHome: ''", "replicator.kafkaHome")]
    public void A_bad_value_is_refused_with_its_location(string line, string expected)
    {
        var error = FluentActions.Invoking(() => ScenarioLoader.Parse(Scenario($"  kind: mm2\n  {line}"), "mm2.yaml"))
            .Should().Throw<ScenarioException>().Which;

        error.Errors.Should().ContainSingle().Which.ToString().Should().StartWith("mm2.yaml:").And.Contain(expected);
    }

    [Test]
    public void An_mm2_key_under_another_kind_names_the_kind_that_reads_it()
    {
        var error = FluentActions.Invoking(() => ScenarioLoader.Parse(Scenario("  kind: builtin\n  heap: 512m"))).Should().Throw<ScenarioException>().Which;

        error.Message.Should().Contain("replicator.heap applies only to kind mm2 or connect, not builtin");
    }

    [TestCase("512m", 512)]
    [TestCase("2G", 2048)]
    [TestCase("32M", 32)]
    public void A_heap_size_is_read_as_the_jvm_reads_it(string text, int mib)
    {
        JvmHeapSize.TryParseMiB(text).Should().Be(mib);
        JvmHeapSize.Options(mib).Should().Be($"-Xms{mib}m -Xmx{mib}m");
    }
}
