using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Testing;

namespace Harness.Cli.Tests.Capture;

[Category("Integration")]
public sealed class CaptureCommandTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task Capture_writes_a_scenario_that_validate_accepts()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("orders", 3);
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            for (var i = 0; i < 300; i++)
            {
                producer.Produce("orders", new Message<string, string> { Key = $"customer-{i % 30}", Value = new string('x', 100 + (i % 50)) });
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        using var directory = TempFolder.Create("harness-capture-");
        var file = Path.Combine(directory.FullName, "profile.yaml");

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), directory.FullName,
            "capture", "--bootstrap", cluster.BootstrapServers, "--window", "2s", "--sample", "200", "-X", "client.rack=r1", "-o", file);

        exitCode.Should().Be(0, stderr);
        stdout.Should().Contain($"{file}: 1 topic, 0 consumer groups");
        stderr.Should().Contain("capture: watching end offsets for 2s");
        var text = await File.ReadAllTextAsync(file);
        text.Should().Contain("name: \"orders\"").And.Contain("partitions: 3").And.Contain("dist: uniform, count: 30");

        var validate = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), directory.FullName, "validate", file);
        validate.ExitCode.Should().Be(0, validate.StdErr);
        validate.StdOut.Should().Contain(": ok (");
    }

    [TestCase("--window", "soon", "--window 'soon' is not a duration")]
    [TestCase("-X", "no-equals-sign", "-X 'no-equals-sign' is not key=value")]
    public async Task Capture_with_a_malformed_option_exits_2_with_one_line(string option, string value, string message)
    {
        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), HarnessProcess.RepositoryRoot,
            "capture", "--bootstrap", "127.0.0.1:9", option, value, "-o", Path.Combine(Path.GetTempPath(), "never-written.yaml"));

        exitCode.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain(message);
    }
}
