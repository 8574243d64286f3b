using System.Diagnostics;
using System.Text.Json;
using Harness.Testing;

namespace Harness.Cli.Tests.Containers;

/// <summary>
/// The <c>containers</c> backend end to end: both clusters in Docker containers through Testcontainers, a broker fault
/// through the containerised broker's faults endpoint, and no container left behind, even when the harness is killed.
/// </summary>
[Category("Docker")]
[Category("Integration")]
[NonParallelizable]
public sealed class ContainersBackendTests
{
    [SetUp]
    public void RequireDocker() => DockerAvailability.RequireEngine();

    [Test]
    public async Task The_containers_scenario_passes_with_a_killed_leader_and_leaves_no_container()
    {
        using var directory = TempFolder.Create("harness-containers-");
        var scenario = Path.Combine(HarnessProcess.RepositoryRoot, "scenarios", "containers.yaml");

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(4), directory.FullName, "run", scenario, "--output", "runs");

        var runFolder = Path.Combine(directory.FullName, stdout.TrimEnd().Split('\n')[^1].Trim());
        var replicatorLog = Path.Combine(runFolder, "replicator.log");
        var logText = File.Exists(replicatorLog) ? await File.ReadAllTextAsync(replicatorLog) : "(no replicator.log)";
        exitCode.Should().Be(0, $"the run should pass; output:\n{stdout}\n{stderr}\nreplicator.log:\n{logText}");
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(runFolder, "results.json")));
        var root = results.RootElement;
        root.GetProperty("environment").GetProperty("sourceClusterBackend").GetString().Should().Be("containers");
        root.GetProperty("environment").GetProperty("targetClusterBackend").GetString().Should().Be("containers");
        root.GetProperty("parity").EnumerateArray().Sum(p => p.GetProperty("lost").GetInt64()).Should().Be(0);
        root.GetProperty("faults").EnumerateArray().Should().Contain(f => f.GetProperty("kind").GetString() == "killBroker");
        root.GetProperty("timeSeries").GetProperty("samples").EnumerateArray()
            .Should().Contain(s => s.GetProperty("sourceBrokersUp").GetInt32() == 2, "the killed broker shows down, read from the container's faults endpoint");
        (await DockerCli.HarnessContainersAsync()).Should().BeEmpty("the run removes its containers");
    }

    [Test]
    public async Task A_harness_killed_with_SIGKILL_leaves_no_running_container()
    {
        using var directory = TempFolder.Create("harness-containers-kill-");
        var file = Path.Combine(directory.FullName, "long.yaml");
        await File.WriteAllTextAsync(file, """
            name: long-containers
            clusters:
              source: {kind: containers, brokers: 1}
              target: {kind: containers, brokers: 1}
            topics:
              - {name: slow, partitions: 2, rate: 200, duration: 5m}
            replicator: {kind: builtin, policy: identity}
            """);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory.FullName };
        foreach (var argument in new[] { Path.Combine(HarnessProcess.BinDirectory, "harness.dll"), "run", file, "--output", "runs" })
        {
            info.ArgumentList.Add(argument);
        }

        using var harness = Process.Start(info)!;
        directory.KeepWhileRunning(harness);
        var loading = new TaskCompletionSource();
        harness.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("produced", StringComparison.Ordinal) == true)
            {
                loading.TrySetResult();
            }
        };
        harness.BeginOutputReadLine();
        var stderr = harness.StandardError.ReadToEndAsync();
        await loading.Task.WaitAsync(TimeSpan.FromSeconds(90));
        (await DockerCli.HarnessContainersAsync(harness.Id)).Should().HaveCount(2, "source and target run in containers");

        harness.Kill();
        await harness.WaitForExitAsync();

        // The containerised brokers watch their parent through the shared PID namespace and stop; auto-remove deletes them.
        var clock = Stopwatch.StartNew();
        List<string> left;
        while ((left = await DockerCli.HarnessContainersAsync(harness.Id)).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(500);
        }

        left.Should().BeEmpty($"no container outlives a killed harness; harness stderr: {await stderr}");
    }
}
