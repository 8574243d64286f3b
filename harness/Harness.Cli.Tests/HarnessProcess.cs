using Harness.Testing;

namespace Harness.Cli.Tests;

/// <summary>Runs the harness CLI as a child process, as a user or CI would, and captures its output.</summary>
internal static class HarnessProcess
{
    public static string BinDirectory => AppContext.BaseDirectory;

    public static string ReplicatorDll => Path.Combine(BinDirectory, "harness-replicator.dll");

    public static string RepositoryRoot => Harness.Testing.RepositoryRoot.Path;

    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(TimeSpan timeout, string workingDirectory, params string[] arguments) =>
        RunAsync(timeout, workingDirectory, new Dictionary<string, string>(), arguments);

    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(TimeSpan timeout, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        // Run as a pipeline would (CI=true); a variable the test passes wins.
        var variables = new Dictionary<string, string> { ["CI"] = "true" };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        var outcome = await ExternalProcess.RunAsync("dotnet", [Path.Combine(BinDirectory, "harness.dll"), .. arguments], null, timeout, workingDirectory, variables);
        if (outcome.TimedOut)
        {
            throw new TimeoutException($"harness {string.Join(' ', arguments)} did not finish within {timeout}; output so far: {outcome.StandardOutput}");
        }

        return (outcome.ExitCode, outcome.StandardOutput, outcome.StandardError);
    }
}
