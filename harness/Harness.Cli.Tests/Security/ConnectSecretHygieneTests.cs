using System.Text;
using Harness.Testing;

namespace Harness.Cli.Tests.Security;

/// <summary>
/// A secured rehearsal through Kafka Connect (the stand-in distribution's <c>connect-distributed.sh</c>): the worker
/// config and the connector configs the harness submits carry <c>${env:...}</c> references that the worker's config
/// providers resolve, so the secret is in no file of the run folder, no REST body the run writes down, no output and no
/// process's command line.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ConnectSecretHygieneTests
{
    [Test]
    public async Task A_SASL_SSL_SCRAM_run_through_Connect_passes_with_the_secret_only_as_a_reference()
    {
        var secret = "pw-" + Guid.NewGuid().ToString("N");
        using var directory = TempFolder.Create("harness-connect-secret-");
        using var kafkaHome = KafkaDistributionStandIn.Build(HarnessProcess.ReplicatorDll);
        var scenario = Path.Combine(directory.FullName, "secured-connect.yaml");
        await File.WriteAllTextAsync(scenario, """
            name: secured-connect
            clusters:
              source:
                brokers: 1
                security: {protocol: SASL_SSL, mechanism: SCRAM-SHA-512, username: rehearsal, password: '${env:HARNESS_TEST_CONNECT_SECRET}'}
              target:
                brokers: 1
                security: {protocol: SASL_SSL, mechanism: SCRAM-SHA-512, username: rehearsal, password: '${env:HARNESS_TEST_CONNECT_SECRET}'}
            topics:
              - {name: orders, partitions: 2, rate: 2000, records: 2000, size: 200, volume: high}
            replicator: {kind: connect, policy: identity}
            expect: {lost: 0, drainWithin: 60s}
            """);
        using var watching = new CancellationTokenSource();
        var commandLines = CommandLineWatch.StartAsync(secret, watching.Token);

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(3), directory.FullName,
            new Dictionary<string, string> { ["HARNESS_TEST_CONNECT_SECRET"] = secret, ["KAFKA_HOME"] = kafkaHome.FullName }, "run", scenario, "--output", "runs");
        await watching.CancelAsync();

        var runFolder = Path.Combine(directory.FullName, stdout.TrimEnd().Split('\n')[^1].Trim());
        var log = Path.Combine(runFolder, "replicator.log");
        exitCode.Should().Be(0, $"the secured Connect run should pass:\n{stdout}\n{stderr}\n{(File.Exists(log) ? await File.ReadAllTextAsync(log) : "")}");
        (stdout + stderr).Should().NotContain(secret);
        var files = Directory.GetFiles(runFolder, "*", SearchOption.AllDirectories);
        files.Select(Path.GetFileName).Should().Contain(["connect-worker-1.properties", "replicator.log"]);
        foreach (var file in files)
        {
            (await File.ReadAllTextAsync(file, Encoding.Latin1)).Should().NotContain(secret, $"{file} must not carry the secret");
        }

        (await commandLines).Should().BeEmpty("no process of the run may carry the secret in its arguments");
        var worker = await File.ReadAllTextAsync(Path.Combine(runFolder, "connect-worker-1.properties"));
        worker.Should().Contain("config.providers=env,dir").And.Contain("${env:HARNESS_TEST_CONNECT_SECRET}")
            .And.Contain($"ssl.truststore.location={Path.GetFullPath(Path.Combine(runFolder, "target-ca.pem"))}");
    }
}
