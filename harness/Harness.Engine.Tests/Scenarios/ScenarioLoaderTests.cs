using Harness.Engine.Clusters.Embedded;
using Harness.Engine.Clusters.External;
using Harness.Engine.Load.Model;
using Harness.Engine.Replicators.Builtin;
using Harness.Engine.Replicators.Command;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    [Test]
    public void Minimal_scenario_gets_every_default()
    {
        var scenario = ScenarioText.Load($"""
            name: minimal
            {ScenarioText.MinimalTopics}
            """);

        scenario.Name.Should().Be("minimal");
        scenario.Description.Should().BeNull();
        scenario.Seed.Should().BeNull();
        scenario.Source.Should().Be(ScenarioText.Source);
        scenario.Clusters.Source.Should().Be(new ClusterSpec("embedded", new EmbeddedClusterSettings(3)));
        scenario.Clusters.Target.Should().Be(scenario.Clusters.Source);

        var topic = scenario.Topics.Should().ContainSingle().Subject;
        topic.Size.Should().BeOfType<FixedSize>().Which.Bytes.Should().Be(1024);
        topic.Keys.Should().BeSameAs(NoKeys.Instance);
        topic.Headers.Should().Be(HeaderShape.None);
        topic.Volume.Should().BeNull();
        topic.Compression.Should().Be(CompressionCodec.None);
        topic.Producers.Should().Be(1);
        topic.Producer.Should().Be(new ProducerSettings { Acks = AcksMode.All, Idempotence = true, LingerMs = null, BatchSize = null });
        topic.Configs.Should().BeEmpty();
        topic.Location.Should().Be(new SourceLocation(ScenarioText.Source, 3, 5));

        scenario.Replicator.Kind.Should().Be("builtin");
        scenario.Replicator.Policy.Should().Be(ReplicationPolicyKind.Default);
        scenario.Replicator.Settings.Should().BeOfType<BuiltinReplicatorSettings>();
        scenario.Replicator.SourceAlias.Should().Be("source");
        scenario.Replicator.TargetAlias.Should().Be("target");
        scenario.Replicator.Properties.Should().BeEmpty();
        scenario.Replicator.Grace.Should().Be(TimeSpan.FromSeconds(10));
        scenario.Replicator.RemoteTopic("orders").Should().Be("source.orders");

        scenario.Consumers.Should().BeEmpty();
        scenario.Faults.Should().BeEmpty();
        scenario.Expect.Lost.Should().Be(Tolerance.Zero);
        scenario.Expect.Reordered.Should().Be(Tolerance.Zero);
        scenario.Expect.Duplicates.Should().Be(Tolerance.Zero);
        scenario.Expect.Corrupted.Should().Be(Tolerance.Zero);
        scenario.Expect.OffsetTranslation.Should().Be(new OffsetTranslationExpectation { Ahead = 0, MaxRedelivery = 100 });
        scenario.Expect.DrainWithin.Should().Be(TimeSpan.FromSeconds(60));
    }

    [Test]
    public void Empty_sections_mean_their_defaults()
    {
        var scenario = ScenarioText.Load($"""
            name: x
            seed: ~
            clusters:
              source:
            {ScenarioText.MinimalTopics}
            replicator:
            expect: {"{}"}
            """);

        scenario.Seed.Should().BeNull();
        var embedded = new ClusterSpec("embedded", new EmbeddedClusterSettings(EmbeddedClusterSettings.DefaultBrokers));
        scenario.Clusters.Should().Be(new ClustersSpec { Source = embedded, Target = embedded });
        scenario.Replicator.Should().BeEquivalentTo(new ReplicatorSpec { Kind = "builtin", Settings = new BuiltinReplicatorSettings() });
        scenario.Expect.Should().Be(ExpectSpec.Default);
    }

    [Test]
    public void Every_key_is_read()
    {
        var scenario = ScenarioText.Load("""
            name: everything
            description: |
              Two lines
              of text.
            seed: 7
            clusters:
              source: {kind: external, bootstrap: "kafka-1:9092,kafka-2:9092"}
              target: {kind: embedded, brokers: 5}
            topics:
              - name: orders
                partitions: 6
                rate: {shape: steps, steps: [{rate: 100, for: 10s}, {rate: 300, for: 20s}]}
                size: {dist: histogram, buckets: [{size: 200, weight: 3}, {size: 1KiB, weight: 1}]}
                keys: {dist: sequential, count: 500}
                volume: high
                headers: {count: 2, size: 32}
                compression: zstd
                stamp: header
                producers: 4
                producer: {acks: leader, lingerMs: 20, batchSize: 64KiB, idempotence: false}
                configs: {retention.ms: 86400000, cleanup.policy: compact, compression.type: producer}
            replicator:
              kind: command
              policy: identity
              run: ./bin/connect-mirror-maker.sh {properties}
              sourceAlias: old
              targetAlias: new
              properties: {offset.lag.max: 50, emit.checkpoints.interval.seconds: 5}
              grace: 1m30s
            consumers:
              - {group: billing, topics: [orders], progress: 30%}
            faults:
              - at: 10s
                for: 5s
                killBroker: {side: source, broker: 2}
              - at: after 5_000 records
                latency: 200ms
              - at: 20
                killReplicator:
            expect:
              lost: 0
              reordered: {max: 10}
              duplicates: 0.5%
              corrupted: {max: 0}
              offsetTranslation: {ahead: 1, maxRedelivery: 50}
              drainWithin: 2m
            """);

        scenario.Description.Should().Be("Two lines\nof text.\n");
        scenario.Seed.Should().Be(7);
        scenario.Clusters.Source.Should().Be(new ClusterSpec("external", new ExternalClusterSettings("kafka-1:9092,kafka-2:9092")));
        scenario.Clusters.Target.Should().Be(new ClusterSpec("embedded", new EmbeddedClusterSettings(5)));

        var topic = scenario.Topics.Should().ContainSingle().Subject;
        topic.Name.Should().Be("orders");
        topic.Partitions.Should().Be(6);
        var steps = topic.Rate.Should().BeOfType<OpenLoadModel>().Which.Shape.Should().BeOfType<PiecewiseRate>().Subject;
        steps.Segments.Should().Equal(RateSegment.Constant(100, TimeSpan.FromSeconds(10)), RateSegment.Constant(300, TimeSpan.FromSeconds(20)));
        topic.CreateSchedule()!.Total.Should().Be(7000, "the steps end the load on their own: 100 x 10 + 300 x 20");
        topic.Size.Should().BeOfType<HistogramSize>().Which.Buckets.Should().Equal(new SizeBucket(200, 3), new SizeBucket(1024, 1));
        topic.Keys.Should().BeOfType<SequentialKeys>().Which.Count.Should().Be(500);
        topic.Volume.Should().Be(TopicVolume.High);
        topic.Headers.Should().Be(new HeaderShape(2, 32));
        topic.Compression.Should().Be(CompressionCodec.Zstd);
        topic.Stamp.Should().Be(StampPlacement.Header);
        topic.Producers.Should().Be(4);
        topic.Producer.Should().Be(new ProducerSettings { Acks = AcksMode.Leader, LingerMs = 20, BatchSize = 65536, Idempotence = false });
        topic.Configs.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["retention.ms"] = "86400000",
            ["cleanup.policy"] = "compact",
            ["compression.type"] = "producer",
        });

        scenario.Replicator.Kind.Should().Be("command");
        scenario.Replicator.Policy.Should().Be(ReplicationPolicyKind.Identity);
        scenario.Replicator.Settings.Should().Be(new CommandReplicatorSettings("./bin/connect-mirror-maker.sh {properties}"));
        scenario.Replicator.SourceAlias.Should().Be("old");
        scenario.Replicator.TargetAlias.Should().Be("new");
        scenario.Replicator.Properties.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["offset.lag.max"] = "50",
            ["emit.checkpoints.interval.seconds"] = "5",
        });
        scenario.Replicator.Grace.Should().Be(TimeSpan.FromSeconds(90));
        scenario.Replicator.RemoteTopic("orders").Should().Be("orders");

        var consumer = scenario.Consumers.Should().ContainSingle().Subject;
        consumer.Group.Should().Be("billing");
        consumer.Topics.Should().Equal("orders");
        consumer.Progress.Should().BeApproximately(0.3, 1e-12);

        scenario.Faults.Should().HaveCount(3);
        scenario.Faults[0].At.Should().Be(FaultTrigger.AtTime(TimeSpan.FromSeconds(10)));
        scenario.Faults[0].Duration.Should().Be(TimeSpan.FromSeconds(5));
        scenario.Faults[0].Action.Should().Be(FaultAction.KillBroker);
        scenario.Faults[0].Parameters.Should().BeEquivalentTo(new Dictionary<string, string> { ["side"] = "source", ["broker"] = "2" });
        scenario.Faults[1].At.Should().Be(FaultTrigger.AfterRecordCount(5000));
        scenario.Faults[1].At.ToString().Should().Be("after 5000 records");
        scenario.Faults[1].Action.Should().Be(FaultAction.Latency);
        scenario.Faults[1].Parameters.Should().BeEquivalentTo(new Dictionary<string, string> { ["value"] = "200ms" });
        scenario.Faults[2].At.Time.Should().Be(TimeSpan.FromSeconds(20));
        scenario.Faults[2].Action.Should().Be(FaultAction.KillReplicator);
        scenario.Faults[2].Parameters.Should().BeEmpty();
        scenario.Faults[2].Duration.Should().BeNull();

        scenario.Expect.Lost.Should().Be(Tolerance.Zero);
        scenario.Expect.Reordered.Should().Be(Tolerance.Count(10));
        scenario.Expect.Duplicates.MaxFraction.Should().BeApproximately(0.005, 1e-15);
        scenario.Expect.Corrupted.Should().Be(Tolerance.Zero);
        scenario.Expect.OffsetTranslation.Should().Be(new OffsetTranslationExpectation { Ahead = 1, MaxRedelivery = 50 });
        scenario.Expect.DrainWithin.Should().Be(TimeSpan.FromMinutes(2));
    }

    [Test]
    public void Every_rate_form_is_read()
    {
        var scenario = ScenarioText.Load("""
            name: rates
            topics:
              - {name: constant, partitions: 1, rate: 250.5, records: 100}
              - {name: named-constant, partitions: 1, rate: {shape: constant, rate: 10}, duration: 1m}
              - {name: ramp, partitions: 1, rate: {shape: ramp, from: 100, to: 1000, over: 30s}, records: 100}
              - {name: spike, partitions: 1, rate: {shape: spike, base: 100, peak: 2000, at: 10s, for: 5s}, duration: 30s}
              - {name: burst, partitions: 1, rate: {shape: burst, base: 100, peak: 2000, at: 10s, for: 5s}, duration: 30s}
              - {name: sine, partitions: 1, rate: {shape: sine, mean: 500, amplitude: 300, period: 60s}, duration: 2m}
              - {name: diurnal, partitions: 1, rate: {shape: diurnal, mean: 500, amplitude: 500, period: 24h}, duration: 1h}
              - {name: replay, partitions: 1, rate: {shape: replay, perSecond: [10, 20, 0, 30]}}
              - {name: inject, partitions: 1, rate: {inject: 500, during: 30s}}
              - {name: inject-interval, partitions: 1, rate: {inject: 50, interval: 100ms, during: 30s}}
              - {name: ramping, partitions: 1, rate: {rampingInject: 1000, during: 30s}}
              - name: phases
                partitions: 1
                rate:
                  - {rampingInject: 1000, during: 10s}
                  - {inject: 1000, during: 20s}
                  - {pause: 5s}
                  - {rampingInject: 200, during: 10s}
              - {name: closed, partitions: 1, rate: {keepConstant: 8, during: 30s}}
              - {name: closed-count, partitions: 1, rate: {keepConstant: 8}, records: 1000}
            """);

        var rates = scenario.Topics.ToDictionary(t => t.Name, t => t.Rate);
        Shape<ConstantRate>(rates["constant"]).PerSecond.Should().Be(250.5);
        Shape<ConstantRate>(rates["named-constant"]).PerSecond.Should().Be(10);
        var ramp = Shape<RampRate>(rates["ramp"]);
        (ramp.From, ramp.To, ramp.Over).Should().Be((100.0, 1000.0, TimeSpan.FromSeconds(30)));
        var spike = Shape<SpikeRate>(rates["spike"]);
        (spike.Base, spike.Peak, spike.At, spike.Duration).Should().Be((100.0, 2000.0, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)));
        Shape<SpikeRate>(rates["burst"]).Peak.Should().Be(2000);
        var sine = Shape<SineRate>(rates["sine"]);
        (sine.Mean, sine.Amplitude, sine.Period).Should().Be((500.0, 300.0, TimeSpan.FromMinutes(1)));
        Shape<SineRate>(rates["diurnal"]).Period.Should().Be(TimeSpan.FromHours(24));
        Shape<ReplayRate>(rates["replay"]).PerSecond.Should().Equal(10, 20, 0, 30);
        rates["replay"].NaturalDuration.Should().Be(TimeSpan.FromSeconds(4));

        Shape<PiecewiseRate>(rates["inject"]).Segments.Should().Equal(RateSegment.Constant(500, TimeSpan.FromSeconds(30)));
        Shape<PiecewiseRate>(rates["inject-interval"]).Segments.Should().Equal(RateSegment.Constant(500, TimeSpan.FromSeconds(30)));
        Shape<PiecewiseRate>(rates["ramping"]).Segments.Should().Equal(new RateSegment(0, 1000, TimeSpan.FromSeconds(30)));
        Shape<PiecewiseRate>(rates["phases"]).Segments.Should().Equal(
            new RateSegment(0, 1000, TimeSpan.FromSeconds(10)),
            RateSegment.Constant(1000, TimeSpan.FromSeconds(20)),
            RateSegment.Constant(0, TimeSpan.FromSeconds(5)),
            new RateSegment(0, 200, TimeSpan.FromSeconds(10)));

        var closed = rates["closed"].Should().BeOfType<ClosedLoadModel>().Subject;
        (closed.Copies, closed.During).Should().Be((8, TimeSpan.FromSeconds(30)));
        scenario.Topics.Single(t => t.Name == "closed").CreateSchedule().Should().BeNull();
        rates["closed-count"].Should().BeOfType<ClosedLoadModel>().Which.During.Should().BeNull();
    }

    [Test]
    public void Every_size_and_key_form_is_read()
    {
        var scenario = ScenarioText.Load("""
            name: sizes
            topics:
              - {name: a, partitions: 1, rate: 1, records: 1, size: 512, keys: none}
              - {name: b, partitions: 1, rate: 1, records: 1, size: 2KiB, keys: sequential}
              - {name: c, partitions: 1, rate: 1, records: 1, size: {dist: fixed, size: 1MB}, keys: {dist: none}}
              - {name: d, partitions: 1, rate: 1, records: 1, size: {dist: uniform, min: 200, max: 1000}, keys: {dist: uniform, count: 1000}}
              - {name: e, partitions: 1, rate: 1, records: 1, size: {dist: normal, mean: 600, stddev: 150}, keys: {dist: zipf, count: 10000}}
              - {name: f, partitions: 1, rate: 1, records: 1, size: {dist: lognormal, median: 400, sigma: 0.5, max: 4KiB}, keys: {dist: zipf, count: 100, exponent: 1.5}}
              - {name: g, partitions: 1, rate: 1, records: 1, size: {dist: lognormal, mu: 6, sigma: 1, min: 10}, keys: {dist: sequential}}
            """);

        var topics = scenario.Topics.ToDictionary(t => t.Name);
        topics["a"].Size.Should().BeOfType<FixedSize>().Which.Bytes.Should().Be(512);
        topics["a"].Keys.Should().BeSameAs(NoKeys.Instance);
        topics["b"].Size.Should().BeOfType<FixedSize>().Which.Bytes.Should().Be(2048);
        topics["b"].Keys.Should().BeOfType<SequentialKeys>().Which.Count.Should().BeNull();
        topics["c"].Size.Should().BeOfType<FixedSize>().Which.Bytes.Should().Be(1_000_000);
        topics["c"].Keys.Should().BeSameAs(NoKeys.Instance);
        var uniform = topics["d"].Size.Should().BeOfType<UniformSize>().Subject;
        (uniform.Min, uniform.Max).Should().Be((200, 1000));
        topics["d"].Keys.Should().BeOfType<UniformKeys>().Which.Count.Should().Be(1000);
        var normal = topics["e"].Size.Should().BeOfType<NormalSize>().Subject;
        (normal.Mean, normal.StandardDeviation, normal.Min, normal.Max).Should().Be((600.0, 150.0, 0, 1_000_000));
        var zipf = topics["e"].Keys.Should().BeOfType<ZipfKeys>().Subject;
        (zipf.Count, zipf.Exponent).Should().Be((10000L, 1.0));
        var logNormal = topics["f"].Size.Should().BeOfType<LogNormalSize>().Subject;
        logNormal.Median.Should().BeApproximately(400, 1e-9);
        (logNormal.Sigma, logNormal.Min, logNormal.Max).Should().Be((0.5, 0, 4096));
        topics["f"].Keys.Should().BeOfType<ZipfKeys>().Which.Exponent.Should().Be(1.5);
        var mu = topics["g"].Size.Should().BeOfType<LogNormalSize>().Subject;
        (mu.Mu, mu.Min).Should().Be((6.0, 10));
        topics["g"].Keys.Should().BeOfType<SequentialKeys>().Which.Count.Should().BeNull();
    }

    [Test]
    public void Idempotence_follows_acks_unless_given()
    {
        var scenario = ScenarioText.Load("""
            name: producers
            topics:
              - {name: a, partitions: 1, rate: 1, records: 1, producer: {acks: "0"}}
              - {name: b, partitions: 1, rate: 1, records: 1, producer: {acks: -1}}
              - {name: c, partitions: 1, rate: 1, records: 1, producer: {idempotence: false}}
            """);

        scenario.Topics.Select(t => (t.Producer.Acks, t.Producer.Idempotence)).Should().Equal(
            (AcksMode.None, false), (AcksMode.All, true), (AcksMode.All, false));
    }

    [Test]
    public void Scenario_is_an_immutable_value()
    {
        var scenario = ScenarioText.Load($"""
            name: x
            {ScenarioText.MinimalTopics}
            """);

        var renamed = scenario with { Name = "y" };

        renamed.Name.Should().Be("y");
        scenario.Name.Should().Be("x");
        scenario.Topics.Should().NotBeAssignableTo<List<TopicSpec>>();
    }

    private static T Shape<T>(LoadModel model)
        where T : RateShape =>
        model.Should().BeOfType<OpenLoadModel>().Which.Shape.Should().BeOfType<T>().Subject;
}
