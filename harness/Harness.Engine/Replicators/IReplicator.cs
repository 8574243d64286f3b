using Harness.Engine.Replicators.Metrics;
using Harness.Engine.Runs;

namespace Harness.Engine.Replicators;

/// <summary>
/// The replicator under test, known only through its contract: started, stopped gracefully, killed, paused and
/// resumed, with optional metrics and heap ballast. Every driver's replicator is driven the same way.
/// </summary>
public interface IReplicator : IAsyncDisposable
{
    /// <summary>The driver's kind, for the report.</summary>
    string Kind { get; }

    /// <summary>True while the replicator runs.</summary>
    bool IsRunning { get; }

    /// <summary>Exit code of the last process, once it ended.</summary>
    int? ExitCode { get; }

    /// <summary>Where the replicator's output goes.</summary>
    string LogPath { get; }

    /// <summary>Where the replicator's own metrics come from, or <see langword="null"/> when the harness reads none.</summary>
    IReplicatorMetrics? Metrics { get; }

    /// <summary>The heap ballast behind heap-pressure faults, or <see langword="null"/> when the harness cannot control the heap.</summary>
    IHeapBallast? Ballast { get; }

    /// <summary>
    /// The Connect cluster the replicator runs on, for connector faults and the report's connector states, or
    /// <see langword="null"/> when it is not a set of Connect connectors.
    /// </summary>
    IConnectCluster? Connect { get; }

    /// <summary>
    /// The processes the harness started for the replicator and that still run (each the leader of its process group),
    /// so their memory can be read; none for a replicator the harness did not start.
    /// </summary>
    IReadOnlyList<int> ProcessIds => [];

    /// <summary>Starts (or restarts) the replicator.</summary>
    void Start();

    /// <summary>
    /// Completes once the replicator started by <see cref="Start"/> is ready to copy (a process at once; Connect
    /// connectors once every task is RUNNING).
    /// </summary>
    /// <exception cref="HarnessException">It cannot run: a cluster or Connect unreachable, a config refused, a task FAILED.</exception>
    Task WhenReadyAsync(CancellationToken cancellation);

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    Task StopAsync(TimeSpan grace);

    /// <summary>SIGKILL now.</summary>
    void Kill();

    /// <summary>SIGSTOP.</summary>
    void Pause();

    /// <summary>SIGCONT.</summary>
    void Resume();

    /// <summary>
    /// The error an exit on its own with <paramref name="exitCode"/> stands for when it means the replicator cannot run
    /// at all (its configuration refused, a cluster it cannot reach); <see langword="null"/> for an ordinary crash.
    /// </summary>
    HarnessException? ExplainExit(int exitCode);
}
