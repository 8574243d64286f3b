using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using NUnit.Framework;

namespace Harness.Testing;

/// <summary>
/// A long-running child process a test starts, watches line by line and stops (a replicator host, a harness run, a
/// browser). Every output line is kept; a line handler can react to one as it arrives. Disposing kills it if it runs.
/// For a tool that runs to completion, use <see cref="ExternalProcess.RunAsync"/>.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>What failure messages call the process.</summary>
    public string Name { get; }

    public ConcurrentQueue<string> StandardOutput { get; } = new();

    public ConcurrentQueue<string> StandardError { get; } = new();

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Completes when the process exits, for racing its start against an early death.</summary>
    public Task Exited => _exited.Task;

    /// <summary>Starts <paramref name="fileName"/> with its outputs read line by line; standard input is not redirected.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, ChildProcessOptions? options = null)
    {
        options ??= new ChildProcessOptions();
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in options.Environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, options.Name ?? Path.GetFileName(fileName));
        process.OutputDataReceived += (_, e) => child.Received(e.Data, child.StandardOutput, isError: false, options.OnLine);
        process.ErrorDataReceived += (_, e) => child.Received(e.Data, child.StandardError, isError: true, options.OnLine);
        process.Exited += (_, _) => child._exited.TrySetResult();
        if (!process.Start())
        {
            throw new InvalidOperationException($"cannot start {fileName}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the exit and returns the exit code; fails the test when the process outlives <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        if (!await TryWaitForExitAsync(timeout).ConfigureAwait(false))
        {
            Assert.Fail($"{Name} did not exit within {timeout.TotalSeconds:0} s\n{this}");
        }

        return _process.ExitCode;
    }

    /// <summary>Waits for the exit without failing; false when the process still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> TryWaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        // The parameterless wait drains the asynchronous output readers, so every line is in the queues.
        _process.WaitForExit();
        return true;
    }

    /// <summary>SIGKILL: no chance to flush or save anything.</summary>
    public void Kill(bool entireProcessTree = false) => _process.Kill(entireProcessTree);

    /// <summary>SIGTERM: the graceful stop.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    /// <summary>The standard error so far, to put into failure messages.</summary>
    public override string ToString() => $"--- {Name} stderr ---\n" + string.Join('\n', StandardError);

    private void Received(string? line, ConcurrentQueue<string> lines, bool isError, Action<string, bool>? onLine)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        onLine?.Invoke(line, isError);
    }
}
