using System.Text.RegularExpressions;
using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Broker.Records;
using Harness.Engine.Load;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Load;

/// <summary>The load generator against the embedded broker: rates, record shapes, the closed model and determinism.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed partial class LoadGeneratorTests
{
    private const ulong RunId = 0x5EED;

    [Test]
    [CancelAfter(120_000)]
    public async Task Achieved_rate_follows_a_ramp_to_20000_per_second_within_5_percent_per_10_second_window()
    {
        // 10 s ramping from 0 to 20,000/s, then 20 s at 20,000/s: 500,000 records of 200 bytes.
        var scenario = Load("""
            name: ramp
            seed: 7
            topics:
              - name: ramp
                partitions: 12
                rate: [{rampingInject: 20000, during: 10s}, {inject: 20000, during: 20s}]
                size: 200
            """);

        await ExpectRateFollowsShapeAsync(scenario, windows: 3);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Achieved_rate_follows_a_diurnal_sine_within_5_percent_per_10_second_window()
    {
        // One 20 s wave between 0 and 20,000/s: the first window holds the crest, the second the trough.
        var scenario = Load("""
            name: sine
            seed: 8
            topics:
              - name: wave
                partitions: 12
                rate: {shape: sine, mean: 10000, amplitude: 10000, period: 20s}
                duration: 20s
                size: 200
            """);

        await ExpectRateFollowsShapeAsync(scenario, windows: 2);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Records_carry_the_stamp_keys_headers_and_sizes_the_scenario_asks_for()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("shaped", 6);
        var scenario = Load("""
            name: shaped
            seed: 3
            topics:
              - name: shaped
                partitions: 6
                rate: 2000
                records: 3000
                size: {dist: uniform, min: 100, max: 300}
                keys: {dist: uniform, count: 50}
                headers: {count: 2, size: 16}
                compression: lz4
                producers: 2
                producer: {acks: all, lingerMs: 20, batchSize: 32KiB}
            """);
        var generator = new LoadGenerator(scenario, cluster.BootstrapServers, RunId);

        await generator.RunAsync(CancellationToken.None);

        var records = TopicContents.ReadAll(cluster.BootstrapServers, "shaped", 6, TimeSpan.FromSeconds(30));
        records.Should().HaveCount(3000);
        generator.Counters.Acknowledged.Should().Be(3000);
        generator.Counters.Failed.Should().Be(0);
        generator.Ledger.TotalAcknowledged.Should().Be(3000);
        foreach (var record in records)
        {
            var message = record.Message;
            message.Headers.Select(h => h.Key).Should().Equal(["h0", "h1"], "the stamp rides in the value, leaving the headers as the scenario says");
            message.Headers[0].GetValueBytes().Should().HaveCount(16);
            message.Headers[1].GetValueBytes().Should().HaveCount(16);
            var (stamp, content, inValue) = Stamped(message);
            inValue.Should().BeTrue();
            stamp.RunId.Should().Be(RunId);
            stamp.Partition.Should().Be(record.Partition.Value);
            stamp.ContentHash.Should().Be(RecordStamp.HashContent(message.Key, content));
            var key = System.Text.Encoding.UTF8.GetString(message.Key!);
            KeyText().IsMatch(key).Should().BeTrue(key);
            int.Parse(key[4..], System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(0, 49);
            ((int)(Crc32C.Compute(message.Key) % 6)).Should().Be(record.Partition.Value, "keyed records go to the partition of their key");
            message.Value!.Length.Should().BeInRange(100, 300);
            generator.Ledger.Find("shaped", stamp.Partition, stamp.ProducerId)!.OffsetOf(stamp.Sequence).Should().Be(record.Offset.Value);
        }

        records.Select(r => StampOf(r).ProducerId).Distinct().Should().BeEquivalentTo(new ushort[] { 0, 1 }, "both producers share the topic");
    }

    [TestCase("value", 20, 100)]
    [TestCase("header", 20, 100)]
    [CancelAfter(60_000)]
    public async Task The_stamp_rides_where_the_scenario_says_and_in_a_header_when_the_value_is_too_short(string placement, int minSize, int maxSize)
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("placed", 3);
        var scenario = Load($$"""
            name: placed
            seed: 5
            topics:
              - name: placed
                partitions: 3
                rate: 5000
                records: 2000
                size: {dist: uniform, min: {{minSize}}, max: {{maxSize}}}
                stamp: {{placement}}
            """);
        var generator = new LoadGenerator(scenario, cluster.BootstrapServers, RunId);

        await generator.RunAsync(CancellationToken.None);

        var records = TopicContents.ReadAll(cluster.BootstrapServers, "placed", 3, TimeSpan.FromSeconds(30));
        records.Should().HaveCount(2000);
        foreach (var record in records)
        {
            var message = record.Message;
            var (stamp, content, inValue) = Stamped(message);
            inValue.Should().Be(placement == "value" && message.Value!.Length >= ValueStamp.Size, $"a {message.Value!.Length}-byte value with stamp: {placement}");
            message.Headers.Should().HaveCount(inValue ? 0 : 1);
            stamp.ContentHash.Should().Be(RecordStamp.HashContent(message.Key, content));
            generator.Ledger.Find("placed", stamp.Partition, stamp.ProducerId)!.OffsetOf(stamp.Sequence).Should().Be(record.Offset.Value);
        }

        records.Should().Contain(r => r.Message.Value!.Length < ValueStamp.Size).And.Contain(r => r.Message.Value!.Length >= ValueStamp.Size, "the sizes straddle the value stamp's length");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Closed_model_keeps_its_copies_in_flight_and_every_record_is_acknowledged()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("closed", 4);
        var scenario = Load("""
            name: closed
            seed: 5
            topics:
              - name: closed
                partitions: 4
                rate: {keepConstant: 4, during: 3s}
                size: 200
                producers: 2
            """);
        var generator = new LoadGenerator(scenario, cluster.BootstrapServers, RunId);

        var run = generator.RunAsync(CancellationToken.None);
        long mostInFlight = 0;
        while (!run.IsCompleted)
        {
            mostInFlight = Math.Max(mostInFlight, generator.Counters.InFlight);
            await Task.Delay(1);
        }

        await run;
        generator.Counters.Sent.Should().BeGreaterThan(100, "acknowledgements keep coming for 3 s");
        generator.Counters.Acknowledged.Should().Be(generator.Counters.Sent);
        generator.Counters.Failed.Should().Be(0);
        generator.Counters.Due.Should().Be(generator.Counters.Sent, "a closed model's sends are what was due");
        generator.Counters.Backlog.Should().Be(0);
        generator.Ledger.TotalAcknowledged.Should().Be(generator.Counters.Sent);
        Enumerable.Range(0, 4).Sum(p => cluster.HighWatermark("closed", p)).Should().Be(generator.Counters.Sent);
        mostInFlight.Should().BeLessThanOrEqualTo(4);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task The_same_scenario_and_seed_send_the_same_records_to_the_same_partitions()
    {
        const string Yaml = """
            name: twins
            seed: 11
            topics:
              - name: keyed
                partitions: 6
                rate: 2500
                records: 2000
                size: {dist: lognormal, median: 300, sigma: 0.6, max: 2000}
                keys: {dist: zipf, count: 500, exponent: 1.1}
                headers: {count: 1, size: 8}
              - name: keyless
                partitions: 6
                rate: 2500
                records: 2000
                size: {dist: uniform, min: 50, max: 400}
                producers: 3
            """;
        var first = await ProduceAndReadAsync(Load(Yaml));
        var second = await ProduceAndReadAsync(Load(Yaml));

        foreach (var topic in new[] { "keyed", "keyless" })
        {
            first[topic].Should().HaveCount(2000);
            second[topic].Keys.Should().BeEquivalentTo(first[topic].Keys, $"{topic}: the same (partition, producer, sequence) streams");
            foreach (var (stream, content) in first[topic])
            {
                second[topic][stream].Should().Be(content, $"{topic} {stream}: the same key, value and headers");
            }
        }

        first["keyless"].Keys.Select(k => k.Partition).Distinct().Should().HaveCountGreaterThan(1, "keyless records still spread over partitions");
    }

    private static async Task ExpectRateFollowsShapeAsync(Scenario scenario, int windows)
    {
        var topic = scenario.Topics[0];
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic(topic.Name, topic.Partitions);
        var generator = new LoadGenerator(scenario, cluster.BootstrapServers, RunId);
        var schedule = topic.CreateSchedule()!;

        await generator.RunAsync(CancellationToken.None);

        var perSecond = generator.TopicCounters[topic.Name].SentPerSecond;
        for (var window = 0; window < windows; window++)
        {
            var expected = schedule.Due(TimeSpan.FromSeconds(10 * (window + 1))) - schedule.Due(TimeSpan.FromSeconds(10 * window));
            var achieved = perSecond.Skip(10 * window).Take(10).Sum();
            achieved.Should().BeCloseTo(expected, (ulong)(expected * 0.05), $"seconds {10 * window}-{10 * (window + 1)} should carry the shape's {expected} records");
        }

        generator.Counters.Acknowledged.Should().Be(schedule.Total);
        generator.Counters.Backlog.Should().Be(0);
        generator.Ledger.TotalAcknowledged.Should().Be(schedule.Total);
    }

    private static async Task<Dictionary<string, Dictionary<(int Partition, ushort Producer, long Sequence), string>>> ProduceAndReadAsync(Scenario scenario)
    {
        await using var cluster = EmbeddedCluster.Start();
        foreach (var topic in scenario.Topics)
        {
            cluster.CreateTopic(topic.Name, topic.Partitions);
        }

        await new LoadGenerator(scenario, cluster.BootstrapServers, RunId).RunAsync(CancellationToken.None);
        return scenario.Topics.ToDictionary(
            t => t.Name,
            t => TopicContents.ReadAll(cluster.BootstrapServers, t.Name, t.Partitions, TimeSpan.FromSeconds(30)).ToDictionary(
                r => (r.Partition.Value, StampOf(r).ProducerId, StampOf(r).Sequence),
                r => Describe(r.Message)));
    }

    /// <summary>Everything about a record that must not depend on the run: key, value after any stamp, application headers and the value's size.</summary>
    private static string Describe(Message<byte[]?, byte[]?> message) =>
        $"{Convert.ToHexString(message.Key ?? [])}|{message.Value?.Length}|{Convert.ToHexString(Stamped(message).Content)}|"
        + string.Join(",", message.Headers.Where(h => h.Key != RecordStamp.HeaderKey).Select(h => $"{h.Key}={Convert.ToHexString(h.GetValueBytes())}"));

    private static RecordStamp StampOf(ConsumeResult<byte[]?, byte[]?> record) => Stamped(record.Message).Stamp;

    /// <summary>The record's stamp, read as the verifier reads it (header first, then the value), and the value bytes its hash covers.</summary>
    private static (RecordStamp Stamp, byte[] Content, bool InValue) Stamped(Message<byte[]?, byte[]?> message)
    {
        var value = message.Value ?? [];
        var inValue = !message.Headers.TryGetLastBytes(RecordStamp.HeaderKey, out var header);
        ReadOnlySpan<byte> bytes = header;
        ReadOnlySpan<byte> content = value;
        if (inValue)
        {
            ValueStamp.TrySplit(value, out bytes, out content).Should().BeTrue("a record without a stamp header carries its stamp in its value");
        }

        RecordStamp.TryDecode(bytes, out var stamp).Should().Be(StampStatus.Valid);
        return (stamp, content.ToArray(), inValue);
    }

    private static Scenario Load(string yaml) => ScenarioLoader.Parse(yaml, "test.yaml");

    [GeneratedRegex("^key-[0-9]{6}$")]
    private static partial Regex KeyText();
}
