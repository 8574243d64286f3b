using Harness.Engine.Replicators.Metrics;
using Harness.Engine.Runs;

namespace Harness.Engine.Replicators;

/// <summary>A replicator run as a child process, whatever the driver: signals do the faults.</summary>
public sealed class ProcessReplicator(ReplicatorProcess definition) : IReplicator
{
    private ChildProcess? _process;

    public string Kind => definition.Kind;

    public string LogPath => definition.LogPath;

    public IReplicatorMetrics? Metrics => definition.Metrics;

    public IHeapBallast? Ballast => definition.Ballast;

    public IConnectCluster? Connect => null;

    public bool IsRunning => _process is { HasExited: false };

    public IReadOnlyList<int> ProcessIds => _process is { HasExited: false } process ? [process.Pid] : [];

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
        _process = ChildProcess.Start(definition.FileName, definition.Arguments, definition.Environment, LogPath, definition.WorkingDirectory);
        Starts++;
    }

    public Task WhenReadyAsync(CancellationToken cancellation) => Task.CompletedTask;

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

    public HarnessException? ExplainExit(int exitCode) => definition.ExplainExit?.Invoke(exitCode);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _process?.Dispose();
    }
}
