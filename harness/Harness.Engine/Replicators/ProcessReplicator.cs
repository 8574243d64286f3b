namespace Harness.Engine.Replicators;

/// <summary>A replicator run as a child process: the built-in one, or any command.</summary>
public sealed class ProcessReplicator : IReplicator
{
    private readonly string _fileName;
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _workingDirectory;
    private ChildProcess? _process;

    /// <summary>Describes the process; <see cref="Start"/> runs it.</summary>
    public ProcessReplicator(string kind, string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath, string workingDirectory)
    {
        Kind = kind;
        _fileName = fileName;
        _arguments = arguments;
        _environment = environment;
        LogPath = logPath;
        _workingDirectory = workingDirectory;
    }

    public string Kind { get; }

    public string LogPath { get; }

    public bool IsRunning => _process is { HasExited: false };

    public int? ExitCode => _process?.ExitCode;

    /// <summary>Times the process was started.</summary>
    public int Starts { get; private set; }

    public void Start()
    {
        if (IsRunning)
        {
            return;
        }

        _process?.Dispose();
        _process = ChildProcess.Start(_fileName, _arguments, _environment, LogPath, _workingDirectory);
        Starts++;
    }

    public async Task StopAsync(TimeSpan grace)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        process.Continue(); // a paused process cannot act on SIGTERM
        process.Terminate();
        if (!await process.WaitForExitAsync(grace).ConfigureAwait(false))
        {
            process.KillGroup();
            await process.WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
    }

    public void Kill() => _process?.KillGroup();

    public void Pause() => _process?.Stop();

    public void Resume() => _process?.Continue();

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _process?.Dispose();
    }
}
