using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Scenarios;

/// <summary>The service-level keys of <c>expect</c>: latency, checkpointLatency, replicator, recovery and a fault's recoverWithin.</summary>
public sealed class ServiceLevelExpectTests
{
    private const string Topics = """
        topics:
          - name: orders
            partitions: 3
            rate: 100
            records: 1000
            volume: high
          - name: audit
            partitions: 1
            rate: 10
            records: 100
            volume: low
        """;

    [Test]
    public void Every_service_level_key_is_read()
    {
        var scenario = ScenarioText.Load($$$$"""
            name: slo
            {{{{Topics}}}}
            faults:
              - at: 5s
                for: 2s
                recoverWithin: 10s
                killBroker: {side: source, broker: 1}
            expect:
              latency:
                p50: 200ms
                p99: 2s
                byTopic: {audit: {max: 10s}}
                byVolume: {high: {p95: 1s}}
              checkpointLatency: {p99: 30s}
              replicator: {crashes: 3, metricGaps: 1, maxGap: 30s, metricsGap: 10s}
              recovery: {within: 20s, duplicatesPerFault: 500}
            """);

        var expect = scenario.Expect;
        expect.Latency.Overall.Should().Be(new LatencyBounds { P50 = TimeSpan.FromMilliseconds(200), P99 = TimeSpan.FromSeconds(2) });
        expect.Latency.ByTopic.Should().ContainKey("audit").WhoseValue.Max.Should().Be(TimeSpan.FromSeconds(10));
        expect.Latency.ByVolume.Should().ContainKey(TopicVolume.High).WhoseValue.P95.Should().Be(TimeSpan.FromSeconds(1));
        expect.CheckpointLatency.P99.Should().Be(TimeSpan.FromSeconds(30));
        expect.Replicator.Should().Be(new ReplicatorHealthExpectation { Crashes = 3, MetricGaps = 1, MaxGap = TimeSpan.FromSeconds(30), MetricsGap = TimeSpan.FromSeconds(10) });
        expect.Recovery.Should().Be(new RecoveryExpectation { Within = TimeSpan.FromSeconds(20), DuplicatesPerFault = 500 });
        scenario.Faults.Single().RecoverWithin.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Test]
    public void Without_the_keys_latency_is_unbounded_and_the_replicator_must_stay_healthy()
    {
        var expect = ScenarioText.Load("name: plain\n" + ScenarioText.MinimalTopics).Expect;

        expect.Latency.Overall.IsEmpty.Should().BeTrue();
        expect.CheckpointLatency.IsEmpty.Should().BeTrue();
        expect.Replicator.Should().Be(new ReplicatorHealthExpectation { Crashes = 0, MetricGaps = 0, MaxGap = null, MetricsGap = TimeSpan.FromSeconds(5) });
        expect.Recovery.Within.Should().BeNull();
    }

    [Test]
    public void A_bound_that_is_no_duration_is_reported_where_it_is()
    {
        var error = ScenarioText.Error($$$$"""
            name: slo
            {{{{Topics}}}}
            expect:
              latency: {p99: soon}
            """);

        error.Should().StartWith("test.yaml:14:18: expect.latency.p99 is 'soon'");
    }

    [Test]
    public void A_latency_bound_for_a_topic_the_scenario_does_not_have_is_refused()
    {
        var error = ScenarioText.Error($$$$"""
            name: slo
            {{{{Topics}}}}
            expect:
              latency: {byTopic: {ordres: {p99: 1s}}}
            """);

        error.Should().Contain("expect.latency.byTopic.ordres names no topic of the scenario").And.Contain("orders, audit");
    }

    [Test]
    public void An_unknown_volume_class_or_health_key_is_refused()
    {
        var errors = ScenarioText.Errors($$$$"""
            name: slo
            {{{{Topics}}}}
            expect:
              latency: {byVolume: {huge: {p99: 1s}}}
              replicator: {crashs: 1}
            """);

        errors.Should().HaveCount(2);
        errors[0].Should().Contain("'huge'");
        errors[1].Should().Contain("unknown key 'crashs' in expect.replicator (did you mean 'crashes'?)");
    }
}
