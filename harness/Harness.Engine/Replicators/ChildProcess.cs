using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Harness.Engine.Replicators;

/// <summary>
/// A child process in a process group of its own (started through setsid), so signals reach everything it
/// started: a shell command's children stop with it and nothing is left orphaned.
/// </summary>
internal sealed partial class ChildProcess : IDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Task _pumps;

    private readonly object _state = new();
    private int? _exitCode;

    private ChildProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
        _pumps = Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));
    }

    public int Pid => _process.Id;

    // The chaos watcher reads these from its own thread while a restart disposes the old process: the lock and the
    // exit code kept at disposal make a disposed process read as exited instead of throwing.
    public bool HasExited
    {
        get
        {
            lock (_state)
            {
                return _exitCode is not null || _process.HasExited;
            }
        }
    }

    public int? ExitCode
    {
        get
        {
            lock (_state)
            {
                return _exitCode ?? (_process.HasExited ? _process.ExitCode : null);
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, appending its output to <paramref name="logPath"/>.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath, string workingDirectory)
    {
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        try
        {
            var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
            return new ChildProcess(process, log);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    public void Terminate() => Signal(SigTerm);

    public void KillGroup()
    {
        Signal(SigKill);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Stop() => Signal(SigStop);

    public void Continue() => Signal(SigCont);

    /// <summary>Waits for the exit; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
            await _pumps.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Signal(int signal)
    {
        if (!_process.HasExited)
        {
            // setsid made the child a group leader: a negative pid signals the whole group.
            _ = SendSignal(-_process.Id, signal);
        }
    }

    private async Task Pump(StreamReader reader)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_log)
            {
                _log.WriteLine(line);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillGroup();
            _process.WaitForExit(5000);
        }

        lock (_state)
        {
            _exitCode ??= _process.HasExited ? _process.ExitCode : -1;
            _process.Dispose();
        }

        lock (_log)
        {
            _log.Dispose();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
