using System.Diagnostics;
using System.Globalization;

namespace Harness.Replicator.Host;

/// <summary>
/// Stops the replicator gracefully when the harness that started it (HARNESS_PARENT_PID) is gone, so a
/// harness killed with SIGKILL leaves no orphaned replicator behind.
/// </summary>
internal static class ParentWatch
{
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromSeconds(10);

    public static void StopWhenParentExits(CancellationTokenSource stopping)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("HARNESS_PARENT_PID"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            while (!stopping.IsCancellationRequested)
            {
                if (!IsAlive(pid))
                {
                    Console.Error.WriteLine($"harness-replicator: parent process {pid} is gone; stopping");
                    await stopping.CancelAsync().ConfigureAwait(false);

                    // The clusters often went with the parent (embedded brokers live in its process), and a graceful
                    // stop would then wait out every flush timeout for brokers that will never answer. Progress is
                    // saved atomically and only for acknowledged records, so ending here loses nothing.
                    await Task.Delay(OrphanGrace).ConfigureAwait(false);
                    Console.Error.WriteLine($"harness-replicator: not stopped {OrphanGrace.TotalSeconds:0} s after the parent left; exiting");
                    Environment.Exit(1);
                    return;
                }

                await Task.Delay(1000).ConfigureAwait(false);
            }
        });
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
