using Harness.Engine.Replicators;
using Harness.Engine.Replicators.Metrics;
using Harness.Engine.Runs;

namespace Harness.Engine.Tests.Chaos;

/// <summary>
/// A replicator that is no process: it runs until told otherwise, its metrics and ballast are the test's, and
/// <paramref name="polled"/> is called each time it is asked whether it runs, which the watch does once per poll.
/// </summary>
internal sealed class ScriptedReplicator(IReplicatorMetrics? metrics = null, IHeapBallast? ballast = null, Action? polled = null) : IReplicator
{
    private volatile bool _running = true;

    public string Kind => "scripted";

    public bool IsRunning
    {
        get
        {
            polled?.Invoke();
            return _running;
        }
    }

    public int? ExitCode => null;

    public string LogPath => "";

    public IReplicatorMetrics? Metrics { get; } = metrics;

    public IHeapBallast? Ballast { get; } = ballast;

    public IConnectCluster? Connect => null;

    public Task WhenReadyAsync(CancellationToken cancellation) => Task.CompletedTask;

    public void Start() => _running = true;

    public Task StopAsync(TimeSpan grace)
    {
        _running = false;
        return Task.CompletedTask;
    }

    public void Kill() => _running = false;

    public void Pause()
    {
    }

    public void Resume()
    {
    }

    public HarnessException? ExplainExit(int exitCode) => null;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
