using System.Diagnostics;

namespace Harness.Cli.Tests.Commands;

/// <summary>run.sh and run.ps1 are thin, equivalent wrappers: both pass arguments through to the CLI.</summary>
[Category("Integration")]
public sealed class RunScriptTests
{
    [TestCase("bash", "run.sh")]
    [TestCase("dotnet", "tool", "run", "pwsh", "--", "-NoProfile", "-File", "run.ps1")]
    public async Task Wrapper_passes_arguments_through_to_the_harness(params string[] command)
    {
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = HarnessProcess.RepositoryRoot,
        };
        foreach (var argument in command.Skip(1).Concat(["validate", "scenarios/smoke.yaml"]))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(0, $"{await stdout}\n{await stderr}");
        (await stdout).Should().Contain("scenarios/smoke.yaml: ok (smoke:");
    }
}
