using System.Diagnostics;

namespace Harness.Cli.Tests;

/// <summary>Runs the harness CLI as a child process, as a user or CI would, and captures its output.</summary>
internal static class HarnessProcess
{
    public static string BinDirectory => AppContext.BaseDirectory;

    public static string ReplicatorDll => Path.Combine(BinDirectory, "harness-replicator.dll");

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(BinDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Harness.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Harness.sln not found above the test binaries");
        }
    }

    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(TimeSpan timeout, string workingDirectory, params string[] arguments) =>
        RunAsync(timeout, workingDirectory, new Dictionary<string, string>(), arguments);

    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(TimeSpan timeout, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(Path.Combine(BinDirectory, "harness.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["CI"] = "true";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"harness {string.Join(' ', arguments)} did not finish within {timeout}; output so far: {await stdout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
