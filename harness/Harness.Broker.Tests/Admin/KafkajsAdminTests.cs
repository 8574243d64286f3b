using System.Runtime.CompilerServices;
using System.Text.Json;
using Harness.Broker.Cluster;
using Harness.Testing;

namespace Harness.Broker.Tests.Admin;

/// <summary>
/// The kafkajs 2.x admin client (its own protocol code, unlike librdkafka) through every admin API, driven by
/// kafkajs-admin.js next to this file. kafkajs is the one the kafkajs client tests install.
/// </summary>
[Category("Integration")]
public sealed class KafkajsAdminTests
{
    [Test]
    public async Task Kafkajs_admin_creates_grows_alters_describes_trims_and_deletes_a_topic()
    {
        var (script, modules) = Locate();
        await using var cluster = EmbeddedCluster.Start();

        var (exitCode, _, output, error) = await ExternalProcess.RunAsync("node", [script, cluster.BootstrapServers, modules], null, TimeSpan.FromSeconds(60));

        exitCode.Should().Be(0, error);
        using var json = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        var result = json.RootElement;
        result.GetProperty("created").GetBoolean().Should().BeTrue();
        result.GetProperty("createdAgain").GetBoolean().Should().BeFalse("kafkajs reports an existing topic as not created");
        result.GetProperty("badConfigError").GetString().Should().Be("INVALID_CONFIG");
        result.GetProperty("partitions").GetInt32().Should().Be(3);
        result.GetProperty("offsets").GetProperty("low").GetString().Should().Be("4");
        result.GetProperty("offsets").GetProperty("high").GetString().Should().Be("10");
        var configs = result.GetProperty("configs");
        configs.GetProperty("cleanup.policy").GetProperty("value").GetString().Should().Be("compact");
        configs.GetProperty("cleanup.policy").GetProperty("source").GetInt32().Should().Be(1);
        configs.GetProperty("retention.ms").GetProperty("isDefault").GetBoolean().Should().BeTrue("AlterConfigs replaced the explicit retention.ms");
        result.GetProperty("topicsAfterDelete").EnumerateArray().Select(t => t.GetString()).Should().NotContain("kjs-admin");
        result.GetProperty("warnings").EnumerateArray().Should().BeEmpty();
        result.GetProperty("versions").EnumerateArray().Select(v => v.GetString()).Should().Contain(
            ["CreateTopics v3", "CreatePartitions v1", "DeleteRecords v1", "AlterConfigs v1", "DescribeConfigs v2", "DeleteTopics v1"]);
        cluster.TopicNames.Should().NotContain("kjs-admin");
    }

    private static (string Script, string Modules) Locate([CallerFilePath] string source = "")
    {
        if (!File.Exists("/usr/bin/node"))
        {
            Assert.Ignore("node is not installed");
        }

        var here = Path.GetDirectoryName(source)!;
        var modules = new[] { Path.Combine(AppContext.BaseDirectory, "kafkajs", "node_modules"), Path.Combine(here, "..", "kafkajs", "node_modules") }
            .FirstOrDefault(folder => Directory.Exists(Path.Combine(folder, "kafkajs")));
        if (modules is null)
        {
            Assert.Ignore("kafkajs is not installed (the kafkajs client tests install it with npm ci)");
        }

        return (Path.Combine(here, "kafkajs-admin.js"), Path.GetFullPath(modules));
    }
}
