namespace Harness.Engine.Replicators;

/// <summary>
/// The replicator under test, known only through its process contract: started, stopped gracefully,
/// killed, paused and resumed. builtin and command replicators are driven the same way.
/// </summary>
public interface IReplicator : IAsyncDisposable
{
    /// <summary>builtin or command.</summary>
    string Kind { get; }

    /// <summary>True while the process runs.</summary>
    bool IsRunning { get; }

    /// <summary>Exit code of the last process, once it ended.</summary>
    int? ExitCode { get; }

    /// <summary>Where the process's output goes.</summary>
    string LogPath { get; }

    /// <summary>Starts (or restarts) the process.</summary>
    void Start();

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    Task StopAsync(TimeSpan grace);

    /// <summary>SIGKILL now.</summary>
    void Kill();

    /// <summary>SIGSTOP.</summary>
    void Pause();

    /// <summary>SIGCONT.</summary>
    void Resume();
}
