using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Harness.Replicator.Tests.Support;

/// <summary>The harness-replicator executable run the way the harness runs it: <c>dotnet harness-replicator.dll ...</c>.</summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;

    private HostProcess(Process process) => _process = process;

    public ConcurrentQueue<string> StandardError { get; } = new();

    public ConcurrentQueue<string> StandardOutput { get; } = new();

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static HostProcess Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    public static HostProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start harness-replicator");
        var host = new HostProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                host.StandardError.Enqueue(e.Data);
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                host.StandardOutput.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return host;
    }

    /// <summary>Writes <paramref name="properties"/> as an mm2.properties file in <paramref name="directory"/>.</summary>
    public static string WriteProperties(string directory, IReadOnlyDictionary<string, string> properties)
    {
        var path = Path.Combine(directory, "mm2.properties");
        File.WriteAllLines(path, properties.Select(p => $"{p.Key} = {p.Value}"));
        return path;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"harness-replicator did not exit within {timeout.TotalSeconds:0} s\n{this}");
        }

        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no chance to flush or save anything.</summary>
    public void Kill() => _process.Kill();

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
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    public override string ToString() => "--- harness-replicator stderr ---\n" + string.Join('\n', StandardError);
}
