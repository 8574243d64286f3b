using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Harness.Testing;

namespace Harness.Cli.Tests.Commands;

[Category("Integration")]
public sealed partial class InterruptTests
{
    [Test]
    public async Task Ctrl_C_during_load_ends_the_replicator_and_writes_a_partial_report()
    {
        using var directory = TempFolder.Create("harness-interrupt-");
        var file = Path.Combine(directory.FullName, "long.yaml");
        await File.WriteAllTextAsync(file, """
            name: long
            topics:
              - name: slow
                partitions: 2
                rate: 200
                duration: 5m
            replicator: {kind: builtin, policy: identity}
            """);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory.FullName,
        };
        foreach (var argument in new[] { Path.Combine(HarnessProcess.BinDirectory, "harness.dll"), "run", file, "--output", "runs" })
        {
            info.ArgumentList.Add(argument);
        }

        using var harness = Process.Start(info)!;
        directory.KeepWhileRunning(harness);
        var lines = new List<string>();
        var loading = new TaskCompletionSource();
        harness.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(e.Data);
            }

            if (e.Data.Contains("produced", StringComparison.Ordinal))
            {
                loading.TrySetResult();
            }
        };
        harness.BeginOutputReadLine();
        var stderr = harness.StandardError.ReadToEndAsync();
        await loading.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var replicators = ReplicatorPids(directory.FullName).ToList();
        replicators.Should().NotBeEmpty("the built-in replicator runs during load");

        SendSignal(harness.Id, 2).Should().Be(0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await harness.WaitForExitAsync(timeout.Token);
        harness.WaitForExit(); // also waits until the redirected output has been delivered to the handler

        harness.ExitCode.Should().Be(130, await stderr);
        string last;
        lock (lines)
        {
            last = lines.Last(l => l.Trim().Length > 0).Trim();
        }

        var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory.FullName, last, "results.json"))).RootElement;
        results.GetProperty("partial").GetBoolean().Should().BeTrue();
        results.GetProperty("verdict").GetString().Should().Be("partial");
        File.Exists(Path.Combine(directory.FullName, last, "report.html")).Should().BeTrue();
        ReplicatorPids(directory.FullName).Intersect(replicators).Should().BeEmpty("no replicator may outlive the harness");
    }

    // Only this run's replicator (its properties file is in the run's folder): other tests' replicators run meanwhile.
    private static IEnumerable<int> ReplicatorPids(string runFolder) =>
        Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : -1)
            .Where(pid => pid > 0 && CommandLine(pid) is var line
                && line.Contains("harness-replicator.dll", StringComparison.Ordinal) && line.Contains(runFolder, StringComparison.Ordinal));

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int pid, int signal);
}
