using System.Text.Json;
using Harness.Testing;

namespace Harness.Cli.Tests.Commands;

/// <summary>The soak scenario shrunk to seconds with <c>--duration</c>, and a <c>--duration</c> the run refuses.</summary>
[Category("Integration")]
public sealed class SoakRunTests
{
    [Test]
    public async Task The_soak_stretched_to_20_seconds_passes_with_memory_sampled_and_its_data_folder_removed()
    {
        using var directory = TempFolder.Create("harness-soak-");
        var soak = Path.Combine(HarnessProcess.RepositoryRoot, "scenarios", "soak.yaml");

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(4), directory.FullName, "run", soak, "--duration", "20s", "--output", "runs");

        exitCode.Should().Be(0, $"the soak should pass; output:\n{stdout}\n{stderr}");
        var runFolder = Path.Combine(directory.FullName, stdout.TrimEnd().Split('\n')[^1].Trim());
        var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "results.json"))).RootElement;
        var checks = results.GetProperty("checks").EnumerateArray().ToList();
        // Twenty seconds are start-up: the check reports the slope and leaves the judgement to runs of two minutes or more.
        var memory = checks.Should().ContainSingle(c => c.GetProperty("name").GetString() == "memory flat").Which;
        memory.GetProperty("passed").GetBoolean().Should().BeTrue();
        memory.GetProperty("measured").GetString().Should().StartWith("not judged: the second half lasted");
        var samples = results.GetProperty("timeSeries").GetProperty("samples").EnumerateArray().ToList();
        samples.Should().HaveCountGreaterThan(15);
        samples.Should().OnlyContain(s => s.GetProperty("harnessRssMiB").GetDouble() > 0);
        samples.Should().Contain(s => s.GetProperty("replicatorProcessRssMiB").ValueKind == JsonValueKind.Number, "the replicator is a child process");
        samples.Should().Contain(s => s.GetProperty("sourceMemoryMiB").ValueKind == JsonValueKind.Number);
        File.ReadAllLines(Path.Combine(runFolder, "metrics.csv"))[0].Should().Contain("harnessRssMiB");
        File.ReadAllText(Path.Combine(runFolder, "report.html")).Should().Contain("chart-process-memory");
        File.ReadAllText(Path.Combine(runFolder, "scenario.yaml")).Should().StartWith("# stretched by --duration 20s");
        Directory.Exists(Path.Combine(runFolder, "data")).Should().BeFalse("the clusters' log files go with the run unless --keep-data");
        results.GetProperty("parity").EnumerateArray().Sum(p => p.GetProperty("replicated").GetInt64()).Should().BeGreaterThan(100_000);
    }

    [TestCase("0s")]
    [TestCase("soon")]
    public async Task A_duration_that_is_no_length_is_one_line_and_exit_2(string value)
    {
        using var directory = TempFolder.Create("harness-soak-");
        var soak = Path.Combine(HarnessProcess.RepositoryRoot, "scenarios", "soak.yaml");

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), directory.FullName, "run", soak, "--duration", value);

        exitCode.Should().Be(2, stdout + stderr);
        stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain($"--duration '{value}' is not a duration from 1s to 168h");
        Directory.Exists(Path.Combine(directory.FullName, "runs")).Should().BeFalse("nothing ran");
    }
}
