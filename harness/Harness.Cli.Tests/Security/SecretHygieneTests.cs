using System.Text;
using Harness.Broker.Security;
using Harness.Engine.Clusters.Embedded;
using Harness.Testing;

namespace Harness.Cli.Tests.Security;

/// <summary>
/// A secured rehearsal end to end through the CLI: a secret given as <c>${env:NAME}</c> appears in no file of the run
/// folder, not in the console output and in no process's command line while the run goes on; a wrong password is one
/// line naming the cluster and the mechanism, exit 3, never the secret.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class SecretHygieneTests
{
    [Test]
    public async Task A_secret_from_the_environment_is_in_no_file_no_output_and_no_command_line()
    {
        var secret = "pw-" + Guid.NewGuid().ToString("N");
        using var directory = TempFolder.Create("harness-secret-");
        var scenario = Path.Combine(directory.FullName, "secured.yaml");
        await File.WriteAllTextAsync(scenario, """
            name: secured-env
            clusters:
              source:
                brokers: 1
                security: {protocol: SASL_SSL, mechanism: SCRAM-SHA-512, username: rehearsal, password: '${env:HARNESS_TEST_RUN_SECRET}'}
              target:
                brokers: 1
                security: {protocol: SASL_PLAINTEXT, mechanism: PLAIN, username: rehearsal, password: '${env:HARNESS_TEST_RUN_SECRET}'}
            topics:
              - {name: orders, partitions: 2, rate: 2000, records: 4000, size: 200}
            replicator: {kind: builtin, policy: identity}
            consumers:
              - {group: billing, topics: [orders], progress: 0.5}
            expect: {lost: 0, drainWithin: 60s}
            """);
        using var watching = new CancellationTokenSource();
        var commandLines = CommandLineWatch.StartAsync(secret, watching.Token);

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(4), directory.FullName,
            new Dictionary<string, string> { ["HARNESS_TEST_RUN_SECRET"] = secret }, "run", scenario, "--output", "runs");
        await watching.CancelAsync();

        exitCode.Should().Be(0, $"the secured run should pass:\n{stdout}\n{stderr}");
        (stdout + stderr).Should().NotContain(secret);
        var runFolder = Path.Combine(directory.FullName, stdout.TrimEnd().Split('\n')[^1].Trim());
        var files = Directory.GetFiles(runFolder, "*", SearchOption.AllDirectories);
        files.Should().Contain(f => Path.GetFileName(f) == "mm2.properties", "the replicator's file is among those searched");
        foreach (var file in files)
        {
            (await File.ReadAllTextAsync(file, Encoding.Latin1)).Should().NotContain(secret, $"{file} must not carry the secret");
        }

        (await commandLines).Should().BeEmpty("no process of the run may carry the secret in its arguments");
        (await File.ReadAllTextAsync(Path.Combine(runFolder, "mm2.properties"))).Should().Contain("${env:HARNESS_TEST_RUN_SECRET}");
    }

    [Test]
    public async Task A_wrong_password_is_one_line_naming_the_cluster_and_the_mechanism_and_exit_3()
    {
        await using var cluster = EmbeddedKafkaCluster.Start("source", new EmbeddedClusterSettings(1), new BrokerSecurity
        {
            Protocol = SecurityProtocol.SaslPlaintext,
            Mechanisms = ["SCRAM-SHA-512"],
            Users = new Dictionary<string, string> { ["alice"] = "the-right-one" },
            SuperUsers = ["alice"],
        });
        var wrong = "wrong-" + Guid.NewGuid().ToString("N");
        using var directory = TempFolder.Create("harness-wrong-password-");
        var scenario = Path.Combine(directory.FullName, "wrong.yaml");
        await File.WriteAllTextAsync(scenario, $$"""
            name: wrong-password
            clusters:
              source:
                kind: external
                bootstrap: "{{cluster.BootstrapServers}}"
                security: {protocol: SASL_PLAINTEXT, mechanism: SCRAM-SHA-512, username: alice, password: '${env:HARNESS_TEST_WRONG_SECRET}'}
              target: {brokers: 1}
            topics:
              - {name: orders, partitions: 1, rate: 100, records: 100}
            """);

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(2), directory.FullName,
            new Dictionary<string, string> { ["HARNESS_TEST_WRONG_SECRET"] = wrong }, "run", scenario, "--output", "runs");

        exitCode.Should().Be(3, $"{stdout}\n{stderr}");
        var error = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("source cluster", StringComparison.Ordinal)).ToList();
        error.Should().ContainSingle($"one line says what failed:\n{stderr}");
        error[0].Should().Contain("cannot authenticate to the source cluster").And.Contain("SCRAM-SHA-512").And.NotContain(wrong);
        (stdout + stderr).Should().NotContain(wrong).And.NotContain("   at ", "an expected error has no stack trace");
    }
}
