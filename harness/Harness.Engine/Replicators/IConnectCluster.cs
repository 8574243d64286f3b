using Harness.Reports.Model;

namespace Harness.Engine.Replicators;

/// <summary>
/// A replicator that runs as connectors on a Kafka Connect cluster: what connector faults act on, and the connectors'
/// states over the run for the report. Connectors are named by role (<c>source-high</c>, <c>checkpoint</c>, ...).
/// </summary>
public interface IConnectCluster
{
    /// <summary>The roles of the connectors the run submitted.</summary>
    IReadOnlyList<string> Roles { get; }

    /// <summary>How many workers the harness started (0 for a cluster that exists).</summary>
    int Workers { get; }

    /// <summary>Restarts the connector and every task (<c>POST /connectors/{name}/restart?includeTasks=true</c>).</summary>
    Task RestartConnectorAsync(string role, CancellationToken cancellation);

    /// <summary>Restarts one task (<c>POST /connectors/{name}/tasks/{task}/restart</c>).</summary>
    Task RestartTaskAsync(string role, int task, CancellationToken cancellation);

    /// <summary>Pauses the connector (<c>PUT /connectors/{name}/pause</c>).</summary>
    Task PauseConnectorAsync(string role, CancellationToken cancellation);

    /// <summary>Resumes the connector (<c>PUT /connectors/{name}/resume</c>).</summary>
    Task ResumeConnectorAsync(string role, CancellationToken cancellation);

    /// <summary>SIGKILL for worker <paramref name="worker"/> (1-based).</summary>
    void KillWorker(int worker);

    /// <summary>Starts worker <paramref name="worker"/> (1-based) again.</summary>
    void StartWorker(int worker);

    /// <summary>Each connector with its states so far, times counted from <paramref name="runStarted"/>.</summary>
    IReadOnlyList<ConnectorReport> Report(DateTimeOffset runStarted);
}
