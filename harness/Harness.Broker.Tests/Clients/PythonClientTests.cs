using System.Text.Json;
using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Testing;

namespace Harness.Broker.Tests.Clients;

/// <summary>
/// Debian's python3-confluent-kafka 1.7 against the embedded broker, through python/conformance.py. It runs on Debian's
/// own librdkafka build, another version than the one Confluent.Kafka bundles, so it negotiates its own API versions
/// and brings its own protocol code paths: an independent check beside kcat and kafkajs.
/// </summary>
[Category("Integration")]
public sealed class PythonClientTests
{
    // Debian's interpreter by its path: a pyenv or venv python3 earlier on PATH does not see Debian's dist-packages.
    private const string Python = "/usr/bin/python3";

    private static readonly string ScriptFolder = Path.Combine(AppContext.BaseDirectory, "python");

    [OneTimeSetUp]
    public async Task RequireConfluentKafka()
    {
        var probe = File.Exists(Python) ? await ExternalProcess.RunAsync(Python, ["-c", "import confluent_kafka"], null, TimeSpan.FromSeconds(30)) : null;
        if (probe is not { ExitCode: 0 })
        {
            Assert.Ignore("python3-confluent-kafka is not installed: apt-get install python3-confluent-kafka");
        }
    }

    [Test]
    public async Task Python_client_on_another_librdkafka_than_Confluent_Kafka_bundles_reads_the_metadata()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("python-meta", 4, 2);

        var result = await RunScenario(cluster, "metadata");

        var debian = result.GetProperty("librdkafka").GetString();
        var bundled = Library.VersionString;
        TestContext.Out.WriteLine($"python3-confluent-kafka {result.GetProperty("clientVersion").GetString()} on librdkafka {debian}; Confluent.Kafka bundles librdkafka {bundled}");
        debian.Should().MatchRegex(@"^\d+\.\d+\.\d+").And.NotBe(bundled, "a client on the librdkafka the harness itself uses would check nothing new");
        result.GetProperty("brokers").EnumerateArray().Select(b => (b[0].GetInt32(), b[1].GetString()))
            .Should().BeEquivalentTo(cluster.Brokers.Select(b => (b.Id, b.Endpoint)));
        result.GetProperty("controller").GetInt32().Should().Be(1);
        result.GetProperty("clusterId").GetString().Should().Be(cluster.ClusterId);
        var partitions = result.GetProperty("topics").GetProperty("python-meta").EnumerateArray().ToList();
        partitions.Select(p => (p[0].GetInt32(), p[1].GetInt32(), p[2].GetInt32(), p[3].GetInt32()))
            .Should().Equal(Enumerable.Range(0, 4).Select(p => (p, cluster.LeaderOf("python-meta", p), 2, 2)));
    }

    [Test]
    public async Task Python_client_produces_idempotently_with_four_codecs_and_consumes_in_a_group_that_commits()
    {
        await using var cluster = EmbeddedCluster.Start();

        var result = await RunScenario(cluster, "produce-consume");

        result.GetProperty("seen").GetInt32().Should().Be(6_000);
        result.GetProperty("mismatches").EnumerateArray().Select(m => m.GetString()).Should().BeEmpty("offsets, keys, values, timestamps and headers come back as produced");
        var perCodec = result.GetProperty("perCodec").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        perCodec.Should().BeEquivalentTo(new Dictionary<string, int> { ["gzip"] = 1_500, ["snappy"] = 1_500, ["lz4"] = 1_500, ["zstd"] = 1_500 });
        var first = result.GetProperty("firstRecord");
        first.GetProperty("key").GetString().Should().Be("key-1");
        first.GetProperty("headers").EnumerateArray().Select(h => $"{h[0].GetString()}={h[1].GetString()}")
            .Should().Equal("seq=0", "codec=gzip", "dup=a", "dup=b");
        var highWatermarks = Enumerable.Range(0, 6).Select(p => cluster.HighWatermark("python-records", p)).ToList();
        highWatermarks.Should().AllBeEquivalentTo(1_000L, "the idempotent producers wrote every record once");
        Longs(result, "nextOffsets").Should().Equal(highWatermarks);
        Longs(result, "committed").Should().Equal(highWatermarks, "the group committed up to the end and OffsetFetch reads it back");
        result.GetProperty("watermarks").EnumerateArray().Select(w => (w[0].GetInt64(), w[1].GetInt64())).Should().Equal(highWatermarks.Select(h => (0L, h)));
        result.GetProperty("groupState").GetString().Should().Be("Stable");
        result.GetProperty("protocolType").GetString().Should().Be("consumer");
        result.GetProperty("protocol").GetString().Should().Be("range");
        result.GetProperty("members").EnumerateArray().Select(m => m.GetString()).Should().Equal("harness-python");
        result.GetProperty("rereadBySecondMember").GetInt32().Should().Be(0, "a new member starts from the committed offsets");
        ApiVersions(result).Should().Contain(["ApiVersion v3", "Metadata v4", "CreateTopics v4", "InitProducerId v4", "Produce v7", "Fetch v11",
            "FindCoordinator v2", "JoinGroup v5", "SyncGroup v3", "OffsetCommit v7", "OffsetFetch v5", "ListOffsets v2",
            "ListGroups v0", "DescribeGroups v0", "LeaveGroup v1"]);
        cluster.InternalErrors.Should().Be(0);
    }

    [Test]
    public async Task Python_admin_client_creates_describes_alters_grows_deletes_lists_groups_and_offsets()
    {
        await using var cluster = EmbeddedCluster.Start();

        var result = await RunScenario(cluster, "admin");

        result.GetProperty("alreadyExists").GetString().Should().Be("TOPIC_ALREADY_EXISTS");
        result.GetProperty("tooManyReplicas").GetString().Should().Be("INVALID_REPLICATION_FACTOR", "the cluster has 3 brokers");
        result.GetProperty("validateOnlyCreate").ValueKind.Should().Be(JsonValueKind.Null);
        result.GetProperty("created").GetProperty("python-admin-a").EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetInt32(), p[2].GetInt32(), p[3].GetBoolean()))
            .Should().Equal((0, 2, 2, true), (1, 2, 2, true), (2, 2, 2, true));
        Entry(result.GetProperty("described"), "retention.ms").Should().Be("3600000 DYNAMIC_TOPIC_CONFIG");
        Entry(result.GetProperty("described"), "cleanup.policy").Should().Be("delete DEFAULT_CONFIG");
        var defaultRetention = Entry(result, "defaultRetention");
        defaultRetention.Should().EndWith(" DEFAULT_CONFIG");
        Entry(result.GetProperty("afterAlter"), "cleanup.policy").Should().Be("compact DYNAMIC_TOPIC_CONFIG");
        Entry(result.GetProperty("afterAlter"), "retention.ms").Should().Be(defaultRetention, "AlterConfigs replaces the whole set, so what it leaves out goes back to the default");
        result.GetProperty("validateOnly").ValueKind.Should().Be(JsonValueKind.Null);
        Entry(result, "afterValidateOnly").Should().Be(defaultRetention, "validate_only changes nothing");
        result.GetProperty("invalidValue").GetString().Should().Be("INVALID_CONFIG");
        result.GetProperty("unknownTopic").GetString().Should().Be("UNKNOWN_TOPIC_OR_PART");
        result.GetProperty("brokerConfigs").GetProperty("broker.id").GetString().Should().Be("1");
        result.GetProperty("fewerPartitions").GetString().Should().Be("INVALID_PARTITIONS");
        result.GetProperty("partitionsAfterGrow").GetInt32().Should().Be(5);
        cluster.LeaderOf("python-admin-a", 4).Should().BePositive();
        result.GetProperty("topicsAfterDelete").EnumerateArray().Select(t => t.GetString()).Should().Equal(["python-admin-a", "python-admin-times"],
            "b was deleted and validate_only created nothing");
        cluster.TopicNames.Should().Contain("python-admin-a").And.NotContain(["python-admin-b", "python-admin-checked", "python-admin-rf"]);
        result.GetProperty("groupState").GetString().Should().Be("Empty");
        result.GetProperty("groupMembers").GetInt32().Should().Be(0);
        result.GetProperty("listedGroups").EnumerateArray().Select(g => g.GetString()).Should().Contain("python-admin-group");
        result.GetProperty("watermarks").EnumerateArray().Select(w => w.GetInt64()).Should().Equal(0, cluster.HighWatermark("python-admin-times", 0));
        var byTimestamp = result.GetProperty("byTimestamp");
        byTimestamp.GetProperty("exact").GetInt64().Should().Be(50, "record 50 has exactly that timestamp");
        byTimestamp.GetProperty("between").GetInt64().Should().Be(51, "the first record at or after the time");
        byTimestamp.GetProperty("afterLast").GetInt64().Should().Be(-1, "no record is that late");
        byTimestamp.GetProperty("earliest").GetInt64().Should().Be(0);
        byTimestamp.GetProperty("latest").GetInt64().Should().Be(100);
        ApiVersions(result).Should().Contain(["CreateTopics v4", "DescribeConfigs v1", "AlterConfigs v0", "CreatePartitions v0", "DeleteTopics v1",
            "ListGroups v0", "DescribeGroups v0", "ListOffsets v2"]);
        cluster.InternalErrors.Should().Be(0);
    }

    [Test]
    public async Task Python_transactions_commit_abort_send_offsets_and_are_fenced_by_a_second_producer()
    {
        await using var cluster = EmbeddedCluster.Start();

        var result = await RunScenario(cluster, "transactions");

        Strings(result, "readCommitted").Should()
            .Equal("committed-0", "committed-1", "committed-2", "committed-3", "committed-4", "successor-0", "successor-1");
        var readUncommitted = Strings(result, "readUncommitted");
        readUncommitted.Should().HaveCount(12);
        readUncommitted.Count(v => v.StartsWith("aborted-", StringComparison.Ordinal)).Should().Be(5, "read_uncommitted readers see aborted records too");
        result.GetProperty("fencedError").GetString().Should().Be("_FENCED", "librdkafka turns INVALID_PRODUCER_EPOCH or PRODUCER_FENCED into its fatal _FENCED");
        result.GetProperty("fencedFatal").GetBoolean().Should().BeTrue();
        result.GetProperty("eosOffset").GetInt64().Should().Be(3);
        Strings(result, "interleavedReadCommitted").Should().Equal(["kept-0", "kept-2", "kept-4"], "the aborted producer's batches between them are dropped and the open transaction holds the reader");
        Strings(result, "interleavedReadUncommitted").Should().Equal("kept-0", "dropped-1", "kept-2", "dropped-3", "kept-4", "dropped-5", "open");
        // 12 records and 3 transaction markers; no zombie record got in.
        cluster.HighWatermark("python-txn", 0).Should().Be(15);
        cluster.LastStableOffset("python-txn", 0).Should().Be(15, "no transaction is left open");
        ApiVersions(result).Should().Contain(["InitProducerId v4", "AddPartitionsToTxn v0", "AddOffsetsToTxn v0", "TxnOffsetCommit v3", "EndTxn v1"]);
        cluster.InternalErrors.Should().Be(0);
    }

    private static async Task<JsonElement> RunScenario(EmbeddedCluster cluster, string scenario)
    {
        var outcome = await ExternalProcess.RunAsync(Python, ["-B", "conformance.py", cluster.BootstrapServers, scenario], null, TimeSpan.FromMinutes(2), ScriptFolder);
        outcome.ExitCode.Should().Be(0, outcome.ToString());
        var lastLine = outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        using var json = JsonDocument.Parse(lastLine);
        var result = json.RootElement.Clone();
        Strings(result, "warnings").Should().BeEmpty("librdkafka logs every protocol or connection problem as a warning or an error");
        TestContext.Out.WriteLine($"{scenario}: {string.Join(", ", ApiVersions(result))}");
        return result;
    }

    private static List<string> ApiVersions(JsonElement result) => Strings(result, "apiVersions");

    private static List<string> Strings(JsonElement result, string name) => result.GetProperty(name).EnumerateArray().Select(v => v.GetString()!).ToList();

    private static List<long> Longs(JsonElement result, string name) => result.GetProperty(name).EnumerateArray().Select(v => v.GetInt64()).ToList();

    /// <summary>A described config as "value source", from the script's [value, source] pair.</summary>
    private static string Entry(JsonElement parent, string name) => $"{parent.GetProperty(name)[0].GetString()} {parent.GetProperty(name)[1].GetString()}";
}
