using System.Globalization;
using System.Text;
using System.Text.Json;
using Harness.Broker.Cluster;
using Harness.Testing;

namespace Harness.Broker.Tests.Clients;

/// <summary>Debian's kcat (its own, older librdkafka) against the embedded broker: metadata, produce, consume, groups.</summary>
[Category("Integration")]
public sealed class KcatTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [OneTimeSetUp]
    public void RequireKcat()
    {
        if (!File.Exists("/usr/bin/kcat"))
        {
            Assert.Ignore("kcat is not installed (apt-get install -y kcat)");
        }
    }

    [Test]
    public async Task Kcat_metadata_listing_shows_every_broker_topic_and_leader()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("alpha", 12);
        cluster.CreateTopic("beta", 1, 2);

        var outcome = await Kcat(cluster, "-L", "-J");

        outcome.ExitCode.Should().Be(0, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var root = json.RootElement;
        root.GetProperty("brokers").EnumerateArray().Select(b => (b.GetProperty("id").GetInt32(), b.GetProperty("name").GetString()))
            .Should().BeEquivalentTo(cluster.Brokers.Select(b => (b.Id, b.Endpoint)));
        root.GetProperty("controllerid").GetInt32().Should().Be(1);
        var topics = root.GetProperty("topics").EnumerateArray().ToDictionary(t => t.GetProperty("topic").GetString()!);
        topics.Keys.Should().BeEquivalentTo("alpha", "beta");
        var alpha = topics["alpha"].GetProperty("partitions").EnumerateArray().ToList();
        alpha.Should().HaveCount(12);
        foreach (var partition in alpha)
        {
            var index = partition.GetProperty("partition").GetInt32();
            partition.GetProperty("leader").GetInt32().Should().Be(cluster.LeaderOf("alpha", index));
            partition.GetProperty("replicas").EnumerateArray().Should().HaveCount(3);
            partition.GetProperty("isrs").EnumerateArray().Should().HaveCount(3);
        }

        topics["beta"].GetProperty("partitions")[0].GetProperty("replicas").EnumerateArray().Should().HaveCount(2);
    }

    [TestCase("none")]
    [TestCase("gzip")]
    [TestCase("snappy")]
    [TestCase("lz4")]
    [TestCase("zstd")]
    public async Task Kcat_produces_and_then_consumes_to_the_end(string codec)
    {
        const int Count = 20_000;
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("lines", 6);
        var input = new StringBuilder();
        for (var i = 0; i < Count; i++)
        {
            input.Append(CultureInfo.InvariantCulture, $"key-{i}:value-{i}\n");
        }

        var produced = await KcatWithInput(cluster, input.ToString(), "-P", "-t", "lines", "-K:", "-z", codec, "-H", "origin=kcat", "-X", "enable.idempotence=true");

        produced.ExitCode.Should().Be(0, produced.ToString());
        Enumerable.Range(0, 6).Sum(p => cluster.HighWatermark("lines", p)).Should().Be(Count);

        var consumed = await Kcat(cluster, "-C", "-t", "lines", "-o", "beginning", "-e", "-q", "-f", "%p|%o|%k|%s|%h\\n");

        consumed.ExitCode.Should().Be(0, consumed.ToString());
        var seen = new HashSet<int>();
        var nextOffset = new long[6];
        foreach (var line in consumed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('|');
            var partition = int.Parse(fields[0], CultureInfo.InvariantCulture);
            long.Parse(fields[1], CultureInfo.InvariantCulture).Should().Be(nextOffset[partition]++, line);
            var i = int.Parse(fields[2]["key-".Length..], CultureInfo.InvariantCulture);
            fields[3].Should().Be($"value-{i}");
            fields[4].Should().Be("origin=kcat");
            seen.Add(i).Should().BeTrue($"record {i} is read once");
        }

        seen.Should().HaveCount(Count, consumed.ToString());
    }

    [Test]
    public async Task Kcat_consumes_a_topic_in_a_balanced_group_and_commits()
    {
        const int Count = 3_000;
        await using var cluster = EmbeddedCluster.Start();
        var plan = new RecordPlan("grouped", 4, Count);
        cluster.CreateTopic(plan.Topic, plan.Partitions);
        PlanClients.Produce(plan, PlanClients.ProducerConfig(cluster.BootstrapServers), Deadline).Should().BeNull();

        var consumed = await Kcat(cluster, "-G", "kcat-group", "-o", "beginning", "-e", "-q", "-f", "%p|%o\\n", "-X", "auto.commit.interval.ms=100", plan.Topic);

        consumed.ExitCode.Should().Be(0, consumed.ToString());
        var lines = consumed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(Count, consumed.ToString());
        lines.Distinct().Should().HaveCount(Count);

        // A second member of the same group starts from the committed offsets, so it finds nothing left to read.
        var again = await Kcat(cluster, "-G", "kcat-group", "-e", "-q", "-f", "%p|%o\\n", plan.Topic);

        again.ExitCode.Should().Be(0, again.ToString());
        again.StandardOutput.Should().BeEmpty();
    }

    [Test]
    public async Task Kcat_queries_offsets_by_timestamp()
    {
        await using var cluster = EmbeddedCluster.Start();
        var plan = new RecordPlan("timed", 1, 1_000);
        cluster.CreateTopic(plan.Topic, 1);
        var config = PlanClients.ProducerConfig(cluster.BootstrapServers);
        config.LingerMs = 0;
        config.BatchSize = 2_000;
        PlanClients.Produce(plan, config, Deadline).Should().BeNull();
        var target = plan.Message(500).Timestamp.UnixTimestampMs;

        var outcome = await Kcat(cluster, "-Q", "-t", $"timed:0:{target}");

        outcome.ExitCode.Should().Be(0, outcome.ToString());
        outcome.StandardOutput.Should().Contain("offset 500", outcome.ToString());
    }

    [TestCase("none")]
    [TestCase("gzip")]
    public async Task Kcat_consumes_a_compacted_topic_across_its_offset_gaps(string codec)
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { CompactionInterval = TimeSpan.Zero });
        cluster.CreateTopic("changelog", 1, configs: new Dictionary<string, string> { ["cleanup.policy"] = "compact" });
        var input = string.Concat(Enumerable.Range(0, 30).Select(i => $"k{i % 3}:v{i}\n"));
        (await KcatWithInput(cluster, input, "-P", "-t", "changelog", "-p", "0", "-K:", "-z", codec)).ExitCode.Should().Be(0);
        (await KcatWithInput(cluster, "tail:t\n", "-P", "-t", "changelog", "-p", "0", "-K:")).ExitCode.Should().Be(0);

        cluster.Compact("changelog").RecordsRemoved.Should().Be(27);
        var consumed = await Kcat(cluster, "-C", "-t", "changelog", "-o", "beginning", "-e", "-q", "-f", "%o|%k|%s\\n");

        consumed.ExitCode.Should().Be(0, consumed.ToString());
        consumed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Should().Equal("27|k0|v27", "28|k1|v28", "29|k2|v29", "30|tail|t");
    }

    private static Task<ProcessOutcome> Kcat(EmbeddedCluster cluster, params string[] arguments) => KcatWithInput(cluster, null, arguments);

    private static Task<ProcessOutcome> KcatWithInput(EmbeddedCluster cluster, string? stdin, params string[] arguments) =>
        ExternalProcess.RunAsync("/usr/bin/kcat", ["-b", cluster.BootstrapServers, .. arguments], stdin, Deadline);
}
