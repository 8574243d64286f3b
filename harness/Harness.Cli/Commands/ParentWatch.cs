using System.Globalization;

namespace Harness.Cli.Commands;

/// <summary>The process named by HARNESS_PARENT_PID, watched through /proc so it works across a container's PID view.</summary>
internal static class ParentWatch
{
    /// <summary>Completes when the parent is gone; never, when no parent is named or /proc is unavailable.</summary>
    public static async Task ExitedAsync(CancellationToken cancellation)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("HARNESS_PARENT_PID"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            || !Directory.Exists($"/proc/{pid}"))
        {
            await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
            return;
        }

        while (Directory.Exists($"/proc/{pid}"))
        {
            await Task.Delay(1000, cancellation).ConfigureAwait(false);
        }

        await Console.Error.WriteLineAsync($"harness broker: parent process {pid} is gone; stopping").ConfigureAwait(false);
    }
}
