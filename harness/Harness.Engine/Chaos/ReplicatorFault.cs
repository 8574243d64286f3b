namespace Harness.Engine.Chaos;

/// <summary>
/// Process faults of the replicator: SIGKILL (started again on recovery, as a supervisor would), SIGSTOP
/// (SIGCONT on recovery) and a graceful restart (SIGTERM, wait, start).
/// </summary>
internal sealed class ReplicatorFault(string id, string kind, TimeSpan grace) : IFault
{
    public string Id { get; } = id;

    public string Kind => kind;

    public string Target => kind switch
    {
        "killReplicator" => "replicator (SIGKILL)",
        "pauseReplicator" => "replicator (SIGSTOP)",
        _ => "replicator (SIGTERM, then start)",
    };

    public async Task StartAsync(FaultContext context, CancellationToken cancellation)
    {
        switch (kind)
        {
            case "killReplicator":
                context.Replicator.Kill();
                break;
            case "pauseReplicator":
                context.Replicator.Pause();
                break;
            case "restartReplicator":
                await context.Replicator.StopAsync(grace).ConfigureAwait(false);
                context.Replicator.Start();
                break;
        }
    }

    public Task RecoverAsync(FaultContext context, CancellationToken cancellation)
    {
        switch (kind)
        {
            case "killReplicator":
                context.Replicator.Start();
                break;
            case "pauseReplicator":
                context.Replicator.Resume();
                break;
        }

        return Task.CompletedTask;
    }
}
