using System.Diagnostics;
using System.Globalization;

namespace Harness.Bench.Support;

/// <summary>A shell command timed from start to exit, as the benchmarks run kcat.</summary>
public static class TimedCommand
{
    /// <summary>
    /// Runs <paramref name="command"/> with bash, killing it (and what it started) on cancellation; returns its wall
    /// time and standard output.
    /// </summary>
    /// <exception cref="InvalidOperationException">The command exited non-zero; the message holds its standard error.</exception>
    public static async Task<(TimeSpan Elapsed, string Output)> RunAsync(string command, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellation = default)
    {
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start `{command}`");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using (cancellation.Register(() => process.Kill(entireProcessTree: true)))
        {
            await process.WaitForExitAsync(cancellation);
        }

        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            var message = await errors;
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"`{command}` exited {process.ExitCode}: {message}"));
        }

        return (elapsed, await output);
    }
}
