using System.Text.Json;
using Harness.Broker.Cluster;
using Harness.Testing;

namespace Harness.Broker.Tests.Clients;

/// <summary>
/// kafkajs 2.x (a pure JavaScript client with its own protocol code) against the embedded broker, through
/// kafkajs/conformance.js. The script prints the API versions kafkajs really sent, which the tests pin.
/// </summary>
[Category("Integration")]
public sealed class KafkajsTests
{
    private static readonly string ScriptFolder = Path.Combine(AppContext.BaseDirectory, "kafkajs");

    [OneTimeSetUp]
    public Task InstallKafkajs() => KafkajsScripts.EnsureInstalledAsync(ScriptFolder);

    [Test]
    public async Task Kafkajs_produces_and_consumes_in_a_group_with_the_versions_it_negotiates()
    {
        await using var cluster = EmbeddedCluster.Start();

        var result = await RunScenario(cluster, "produce-consume");

        result.GetProperty("seen").GetInt32().Should().Be(12_000);
        result.GetProperty("groupState").GetString().Should().Be("Stable");
        var versions = result.GetProperty("apiVersions").EnumerateArray().Select(v => v.GetString()).ToList();
        versions.Should().Contain(["ApiVersions v2", "Produce v7", "Fetch v11", "Metadata v6", "InitProducerId v1", "ListOffsets v3", "JoinGroup v5", "SyncGroup v3", "OffsetCommit v5", "OffsetFetch v4"]);
        Enumerable.Range(0, 6).Sum(p => cluster.HighWatermark("kafkajs-records", p)).Should().Be(12_000);
    }

    [Test]
    public async Task Kafkajs_admin_creates_topics_and_lists_and_describes_groups()
    {
        await using var cluster = EmbeddedCluster.Start();

        var result = await RunScenario(cluster, "admin");

        result.GetProperty("topics").EnumerateArray().Select(t => t.GetString()).Should().Equal("kafkajs-admin-a", "kafkajs-admin-b");
        result.GetProperty("describedState").GetString().Should().Be("Empty");
        cluster.TopicNames.Should().Contain(["kafkajs-admin-a", "kafkajs-admin-b"]);
    }

    [Test]
    public async Task Kafkajs_transactions_commit_abort_send_offsets_and_are_fenced_by_a_second_producer()
    {
        await using var cluster = EmbeddedCluster.Start();

        var result = await RunScenario(cluster, "transactions");

        result.GetProperty("readCommitted").EnumerateArray().Select(v => v.GetString()).Should()
            .Equal("committed-0", "committed-1", "committed-2", "committed-3", "committed-4", "successor-0", "successor-1");
        result.GetProperty("abortedSeenUncommitted").GetInt32().Should().Be(5, "read_uncommitted readers see aborted records too");
        result.GetProperty("fencedError").GetString().Should().BeOneOf("INVALID_PRODUCER_EPOCH", "PRODUCER_FENCED");
        result.GetProperty("eosOffset").GetString().Should().Be("3");
        var versions = result.GetProperty("apiVersions").EnumerateArray().Select(v => v.GetString()).ToList();
        versions.Should().Contain(v => v!.StartsWith("EndTxn v", StringComparison.Ordinal));
        versions.Should().Contain(v => v!.StartsWith("TxnOffsetCommit v", StringComparison.Ordinal));
        cluster.InternalErrors.Should().Be(0);
    }

    private static async Task<JsonElement> RunScenario(EmbeddedCluster cluster, string scenario)
    {
        var outcome = await ExternalProcess.RunAsync("node", ["conformance.js", cluster.BootstrapServers, scenario], null, TimeSpan.FromMinutes(3), ScriptFolder);
        outcome.ExitCode.Should().Be(0, outcome.ToString());
        var lastLine = outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        using var json = JsonDocument.Parse(lastLine);
        var result = json.RootElement.Clone();
        result.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).Should().BeEmpty("kafkajs logs every protocol or connection problem as a warning");
        return result;
    }
}
