using System.Text.Json;
using Harness.Testing;

namespace Harness.Cli.Tests.Commands;

[Category("Integration")]
public sealed class RunCommandTests
{
    private static string Scenario(string replicator, string expect = "") => $$"""
        name: cli-test
        seed: 7
        topics:
          - name: orders
            partitions: 4
            rate: 10000
            records: 12_000
            size: 200
            keys: {dist: uniform, count: 1000}
          - name: audit
            partitions: 2
            rate: 5000
            records: 8_000
            size: 300
        {{replicator}}
        expect:
          drainWithin: 20s
        {{expect}}
        """;

    [Test]
    public async Task Run_with_the_builtin_replicator_passes_and_prints_the_run_folder_last()
    {
        using var directory = TempFolder.Create("harness-run-");
        var file = Path.Combine(directory.FullName, "clean.yaml");
        await File.WriteAllTextAsync(file, Scenario("replicator: {kind: builtin, policy: default}"));

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(3), directory.FullName, "run", file, "--output", "runs");

        exitCode.Should().Be(0, $"the run should pass; output:\n{stdout}\n{stderr}");
        var runFolder = stdout.TrimEnd().Split('\n')[^1].Trim();
        var results = Results(Path.Combine(directory.FullName, runFolder));
        results.GetProperty("verdict").GetString().Should().Be("passed");
        var parity = results.GetProperty("parity").EnumerateArray().ToList();
        parity.Should().HaveCount(6);
        parity.Sum(p => p.GetProperty("produced").GetInt64()).Should().Be(20_000);
        parity.Sum(p => p.GetProperty("replicated").GetInt64()).Should().Be(20_000);
        parity.Should().OnlyContain(p => p.GetProperty("targetTopic").GetString()!.StartsWith("source."), "the default policy prefixes the source alias");
        File.Exists(Path.Combine(directory.FullName, runFolder, "report.html")).Should().BeTrue();
    }

    [Test]
    public async Task A_builtin_replicator_that_refuses_its_configuration_stops_the_run_at_once_with_its_reason_and_exit_2()
    {
        using var directory = TempFolder.Create("harness-run-");
        var file = Path.Combine(directory.FullName, "refused.yaml");
        await File.WriteAllTextAsync(file, """
            name: refused
            seed: 7
            topics:
              - {name: orders, partitions: 2, rate: 1000, records: 60_000, size: 100}
            replicator:
              properties: {harness.sabotage.bogus.every: 5}
            """);

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(2), directory.FullName, "run", file, "--output", "runs");

        exitCode.Should().Be(2, $"output:\n{stdout}\n{stderr}");
        var error = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Subject;
        error.Should().StartWith("harness: the built-in replicator refused its configuration (exit code 2): ")
            .And.Contain("unknown sabotage key 'harness.sabotage.bogus.every'").And.EndWith("replicator.log");
        var results = Results(Path.Combine(directory.FullName, stdout.TrimEnd().Split('\n')[^1].Trim()));
        results.GetProperty("verdict").GetString().Should().Be("error");
        results.GetProperty("parity").EnumerateArray().Sum(p => p.GetProperty("produced").GetInt64())
            .Should().BeLessThan(60_000, "the load stops with the replicator instead of running its full minute");
    }

    [Test]
    public async Task Run_with_a_lossy_command_replicator_fails_with_the_exact_number_of_lost_records()
    {
        using var directory = TempFolder.Create("harness-run-");
        var file = Path.Combine(directory.FullName, "lossy.yaml");
        var command = $"dotnet '{HarnessProcess.ReplicatorDll}' --from-env --state-dir state --set harness.sabotage.drop.every=1000";
        await File.WriteAllTextAsync(file, Scenario($"replicator: {{kind: command, policy: identity, run: \"{command}\"}}"));

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(3), directory.FullName, "run", file, "--output", "runs");

        exitCode.Should().Be(1, $"a lossy replicator must fail the run; output:\n{stdout}\n{stderr}");
        var runFolder = stdout.TrimEnd().Split('\n')[^1].Trim();
        var results = Results(Path.Combine(directory.FullName, runFolder));
        results.GetProperty("verdict").GetString().Should().Be("failed");
        var parity = results.GetProperty("parity").EnumerateArray().ToList();
        parity.Sum(p => p.GetProperty("lost").GetInt64()).Should().Be(20, "every 1000th of 20,000 records was dropped");
        parity.Sum(p => p.GetProperty("replicated").GetInt64()).Should().Be(19_980);
        parity.Sum(p => p.GetProperty("duplicated").GetInt64() + p.GetProperty("reordered").GetInt64()).Should().Be(0);
        var lost = results.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "no records lost");
        lost.GetProperty("passed").GetBoolean().Should().BeFalse();
        lost.GetProperty("measured").GetString().Should().Be("20");
        results.GetProperty("anomalies").EnumerateArray().Should().Contain(a => a.GetProperty("class").GetString() == "lost");
    }

    private static JsonElement Results(string runFolder)
    {
        var path = Path.Combine(runFolder, "results.json");
        File.Exists(path).Should().BeTrue($"{path} should exist");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }
}
