using Harness.Engine.Chaos;
using Harness.Engine.Clusters.Containers;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Scenarios;

/// <summary><c>kind: containers</c> in scenarios: the harness's own broker by default, or a one-broker Kafka image.</summary>
public sealed class ContainersClusterTests
{
    [Test]
    public void Containers_default_to_the_harness_broker_with_three_brokers_and_allow_broker_faults()
    {
        var scenario = ScenarioText.Load($"""
            name: x
            clusters:
              source: {"{"}kind: containers{"}"}
              target: {"{"}kind: containers, brokers: 2, image: harness{"}"}
            {ScenarioText.MinimalTopics}
            """);

        scenario.Clusters.Source.Should().Be(new ClusterSpec("containers", new ContainersClusterSettings("harness", 3)));
        scenario.Clusters.Target.Should().Be(new ClusterSpec("containers", new ContainersClusterSettings("harness", 2)));
        scenario.Clusters.Source.Capabilities.BrokerFaults.Should().BeTrue();
    }

    [Test]
    public void A_kafka_image_runs_one_broker_and_supports_no_broker_faults()
    {
        var scenario = ScenarioText.Load($"""
            name: x
            clusters:
              source: {"{"}kind: containers, image: "apache/kafka:3.9.1"{"}"}
            {ScenarioText.MinimalTopics}
            """);

        scenario.Clusters.Source.Should().Be(new ClusterSpec("containers", new ContainersClusterSettings("apache/kafka:3.9.1", 1)));
        scenario.Clusters.Source.Capabilities.BrokerFaults.Should().BeFalse();
    }

    [Test]
    public void A_kafka_image_with_several_brokers_is_refused_with_the_way_out()
    {
        var error = ScenarioText.Error($"""
            name: x
            clusters:
              source: {"{"}kind: containers, image: "apache/kafka:3.9.1", brokers: 3{"}"}
            {ScenarioText.MinimalTopics}
            """);

        error.Should().Contain("clusters.source.brokers is 3, but image apache/kafka:3.9.1 runs one broker per cluster")
            .And.Contain("image: harness for 3 brokers");
    }

    [Test]
    public void An_image_on_an_embedded_cluster_is_refused()
    {
        var error = ScenarioText.Error($"""
            name: x
            clusters:
              source: {"{"}kind: embedded, image: harness{"}"}
            {ScenarioText.MinimalTopics}
            """);

        error.Should().StartWith("test.yaml:3:28: clusters.source.image applies only to kind containers");
    }

    [Test]
    public void A_broker_fault_on_a_kafka_image_is_refused_at_validation()
    {
        var yaml = $"""
            name: x
            clusters:
              source: {"{"}kind: containers, image: "apache/kafka:3.9.1"{"}"}
            {ScenarioText.MinimalTopics}
            faults:
              - {"{"}at: 1s, killBroker: {"{"}side: source, broker: 1{"}"}{"}"}
            """;

        FluentActions.Invoking(() => FaultPlan.Validate(ScenarioLoader.Parse(yaml, "plan.yaml"))).Should().Throw<ScenarioException>()
            .Which.Message.Should().Contain("the source cluster runs image apache/kafka:3.9.1 and cannot inject broker faults");
    }
}
