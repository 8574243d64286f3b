using System.Text;
using System.Text.Json;
using Harness.Cli.Tests.Security;
using Harness.Testing;

namespace Harness.Cli.Tests.Containers;

/// <summary>
/// A secured rehearsal on the <c>containers</c> backend: the broker in each container listens as the scenario's
/// <c>security:</c> says, writes its CA into the run folder (mounted into the container), and every client of the run
/// trusts that file; the password reaches the container through its environment, never a command line or a file.
/// </summary>
[Category("Docker")]
[Category("Integration")]
[NonParallelizable]
public sealed class SecuredContainersTests
{
    [SetUp]
    public void RequireDocker() => DockerAvailability.RequireEngine();

    [Test]
    public async Task A_SASL_SSL_source_and_an_SSL_target_in_containers_pass_with_their_CAs_in_the_run_folder_and_the_secret_nowhere()
    {
        var secret = "pw-" + Guid.NewGuid().ToString("N");
        using var directory = TempFolder.Create("harness-containers-secure-");
        var scenario = Path.Combine(directory.FullName, "secured-containers.yaml");
        await File.WriteAllTextAsync(scenario, """
            name: secured-containers
            clusters:
              source:
                kind: containers
                brokers: 1
                security: {protocol: SASL_SSL, mechanism: SCRAM-SHA-512, username: rehearsal, password: '${env:HARNESS_TEST_CONTAINER_SECRET}'}
              target:
                kind: containers
                brokers: 1
                security: {protocol: SSL}
            topics:
              - {name: orders, partitions: 2, rate: 2000, records: 2000, size: 200}
            replicator: {kind: builtin, policy: identity}
            expect: {lost: 0, drainWithin: 60s}
            """);
        using var watching = new CancellationTokenSource();
        var commandLines = CommandLineWatch.StartAsync(secret, watching.Token);

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(3), directory.FullName,
            new Dictionary<string, string> { ["HARNESS_TEST_CONTAINER_SECRET"] = secret }, "run", scenario, "--output", "runs");
        await watching.CancelAsync();

        exitCode.Should().Be(0, $"the secured containers run should pass:\n{stdout}\n{stderr}");
        var runFolder = Path.GetFullPath(Path.Combine(directory.FullName, stdout.TrimEnd().Split('\n')[^1].Trim()));
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(runFolder, "results.json")));
        var environment = results.RootElement.GetProperty("environment");
        environment.GetProperty("sourceClusterBackend").GetString().Should().Be("containers");
        environment.GetProperty("sourceCaFile").GetString().Should().Be(Path.Combine(runFolder, "source-ca.pem"));
        environment.GetProperty("targetCaFile").GetString().Should().Be(Path.Combine(runFolder, "target-ca.pem"));
        (await File.ReadAllTextAsync(Path.Combine(runFolder, "source-ca.pem"))).Should().StartWith("-----BEGIN CERTIFICATE-----");
        (stdout + stderr).Should().NotContain(secret);
        foreach (var file in Directory.GetFiles(runFolder, "*", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file, Encoding.Latin1);
            text.Should().NotContain(secret, $"{file} must not carry the secret").And.NotContain("PRIVATE KEY", $"{file} must hold no key");
        }

        (await commandLines).Should().BeEmpty("neither the harness, the replicator nor a containerised broker may carry the secret in its arguments");
        (await DockerCli.HarnessContainersAsync()).Should().BeEmpty("the run removes its containers");
    }
}
