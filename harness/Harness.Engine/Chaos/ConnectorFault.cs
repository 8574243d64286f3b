namespace Harness.Engine.Chaos;

/// <summary>
/// Faults of a replicator on Kafka Connect, through its REST API (restart a connector or one task, pause a connector
/// until the fault's duration ends) or to a worker the harness started (SIGKILL, started again on recovery, as a
/// supervisor would).
/// </summary>
/// <param name="id">The fault's id.</param>
/// <param name="kind">restartConnector, restartTask, pauseConnector or killWorker.</param>
/// <param name="role">The connector's role (connector faults).</param>
/// <param name="number">The task id (restartTask) or the worker, 1-based (killWorker).</param>
internal sealed class ConnectorFault(string id, string kind, string role, int number) : IFault
{
    public string Id { get; } = id;

    public string Kind => kind;

    public bool Instant => kind is "restartConnector" or "restartTask";

    public string Target => kind switch
    {
        "restartTask" => $"connector {role}, task {number} (REST restart)",
        "pauseConnector" => $"connector {role} (REST pause)",
        "killWorker" => $"Connect worker {number} (SIGKILL)",
        _ => $"connector {role} and its tasks (REST restart)",
    };

    public async Task StartAsync(FaultContext context, CancellationToken cancellation)
    {
        var connect = context.Replicator.Connect ?? throw new InvalidOperationException("the replicator runs no Connect connectors");
        switch (kind)
        {
            case "restartConnector":
                await connect.RestartConnectorAsync(role, cancellation).ConfigureAwait(false);
                break;
            case "restartTask":
                await connect.RestartTaskAsync(role, number, cancellation).ConfigureAwait(false);
                break;
            case "pauseConnector":
                await connect.PauseConnectorAsync(role, cancellation).ConfigureAwait(false);
                break;
            case "killWorker":
                connect.KillWorker(number);
                break;
        }
    }

    public async Task RecoverAsync(FaultContext context, CancellationToken cancellation)
    {
        if (context.Replicator.Connect is not { } connect)
        {
            return;
        }

        switch (kind)
        {
            case "pauseConnector":
                await connect.ResumeConnectorAsync(role, cancellation).ConfigureAwait(false);
                break;
            case "killWorker":
                connect.StartWorker(number);
                break;
        }
    }
}
