using System.Diagnostics;
using System.Globalization;

namespace Harness.Hosting;

/// <summary>
/// Watches the process that started this one, named by the <c>HARNESS_PARENT_PID</c> environment variable, so a child
/// (the harness broker in a container, the built-in replicator) stops when a harness killed with SIGKILL cannot stop it.
/// </summary>
/// <remarks>
/// A parent that is not visible when the watch starts is never watched: a process ID from another PID namespace (a
/// container without the host's PID view) cannot be told apart from one that has ended, and ending a healthy child
/// on that guess would be worse than leaving it running.
/// </remarks>
public sealed class ParentWatch
{
    /// <summary>The environment variable that names the parent's process ID.</summary>
    public const string EnvironmentVariable = "HARNESS_PARENT_PID";

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly TimeProvider _time;

    private ParentWatch(int processId, TimeProvider time)
    {
        ProcessId = processId;
        _time = time;
    }

    /// <summary>The watched process.</summary>
    public int ProcessId { get; }

    /// <summary>The watch of the parent named by <c>HARNESS_PARENT_PID</c>; null when none is named or it is not visible.</summary>
    /// <param name="time">The clock that paces the checks; <see cref="TimeProvider.System"/> when null.</param>
    public static ParentWatch? FromEnvironment(TimeProvider? time = null) =>
        int.TryParse(Environment.GetEnvironmentVariable(EnvironmentVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var processId)
            ? Of(processId, time)
            : null;

    /// <summary>The watch of process <paramref name="processId"/>; null when it is not visible now.</summary>
    /// <param name="processId">The process to watch.</param>
    /// <param name="time">The clock that paces the checks; <see cref="TimeProvider.System"/> when null.</param>
    public static ParentWatch? Of(int processId, TimeProvider? time = null) =>
        processId > 0 && IsRunning(processId) ? new ParentWatch(processId, time ?? TimeProvider.System) : null;

    /// <summary>
    /// Completes once the parent named by <c>HARNESS_PARENT_PID</c> is gone, after telling <paramref name="log"/> so in
    /// one line; never completes (until cancelled) when no visible parent is named.
    /// </summary>
    /// <param name="log">Receives "parent process N is gone; stopping"; the caller adds its own prefix.</param>
    /// <param name="cancellation">Ends the watch with an <see cref="OperationCanceledException"/>.</param>
    public static async Task ExitedAsync(Action<string> log, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (FromEnvironment() is not { } parent)
        {
            await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
            return;
        }

        await parent.WaitForExitAsync(cancellation).ConfigureAwait(false);
        log($"parent process {parent.ProcessId.ToString(CultureInfo.InvariantCulture)} is gone; stopping");
    }

    /// <summary>Completes once the watched process is gone; it is looked for once a second of <see cref="TimeProvider"/> time.</summary>
    /// <param name="cancellation">Ends the watch with an <see cref="OperationCanceledException"/>.</param>
    public async Task WaitForExitAsync(CancellationToken cancellation)
    {
        while (IsRunning(ProcessId))
        {
            await Task.Delay(PollInterval, _time, cancellation).ConfigureAwait(false);
        }
    }

    private static bool IsRunning(int processId)
    {
        // /proc answers without opening a handle and sees every process of the PID namespace; elsewhere ask the runtime.
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}");
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
