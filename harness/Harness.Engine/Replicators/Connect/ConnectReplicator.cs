using Harness.Engine.Replicators.Metrics;
using Harness.Engine.Runs;
using Harness.Reports.Model;

namespace Harness.Engine.Replicators.Connect;

/// <summary>
/// MirrorMaker 2's connectors on a Kafka Connect cluster, driven over its REST API: each config validated, then
/// submitted; started once every task is RUNNING; watched every sample interval (a FAILED connector or task ends the
/// run); deleted when stopped. Workers the harness started are processes, so replicator faults are signals to them;
/// their connectors come back from the Connect group's config topic when they start again, as Connect's do.
/// </summary>
public sealed class ConnectReplicator : IReplicator, IConnectCluster
{
    private static readonly TimeSpan StartedWorkersDeadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ExistingClusterDeadline = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RunningDeadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private readonly ConnectRestClient _client;
    private readonly ConnectorPlan _plan;
    private readonly ConnectWorkers? _workers;
    private readonly TimeSpan _watchEvery;
    private readonly TimeProvider _time;
    private readonly ConnectorStateLog _states;
    private readonly CancellationTokenSource _disposing = new();
    private Task _ready = Task.CompletedTask;
    private Task? _watch;
    private volatile HarnessException? _failure;
    private volatile bool _started;
    private volatile bool _stopped;
    private volatile bool _deployed;

    /// <summary>A replicator on the Connect cluster behind <paramref name="client"/>; nothing happens until <see cref="Start"/>.</summary>
    /// <param name="client">The cluster's REST API (the first started worker's when the harness starts them).</param>
    /// <param name="plan">The connectors to run.</param>
    /// <param name="workers">The workers the harness starts, or <see langword="null"/> for a cluster that exists.</param>
    /// <param name="metrics">Where the workers' metrics come from, or <see langword="null"/>.</param>
    /// <param name="logPath">The first worker's log, or where a cluster that exists is described.</param>
    /// <param name="watchEvery">How often connector states are read.</param>
    /// <param name="time">The clock of every wait and deadline.</param>
    public ConnectReplicator(ConnectRestClient client, ConnectorPlan plan, ConnectWorkers? workers, IReplicatorMetrics? metrics, string logPath, TimeSpan watchEvery, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);
        _client = client;
        _plan = plan;
        _workers = workers;
        Metrics = metrics;
        LogPath = logPath;
        _watchEvery = watchEvery;
        _time = time;
        _states = new ConnectorStateLog(plan);
    }

    /// <inheritdoc/>
    public string Kind => "connect";

    /// <inheritdoc/>
    public IReadOnlyList<int> ProcessIds => _workers?.ProcessIds ?? [];

    public bool IsRunning => _started && !_stopped && _failure is null && (_workers is null || _workers.AnyRunning);

    /// <inheritdoc/>
    public int? ExitCode => _failure?.ExitCode ?? (_started && _workers is { AnyRunning: false } workers ? workers.ExitCode : null);

    /// <inheritdoc/>
    public string LogPath { get; }

    /// <inheritdoc/>
    public IReplicatorMetrics? Metrics { get; }

    /// <inheritdoc/>
    public IHeapBallast? Ballast => null;

    /// <inheritdoc/>
    public IConnectCluster Connect => this;

    /// <inheritdoc/>
    public IReadOnlyList<string> Roles => _plan.Connectors.Select(c => c.Role).ToList();

    /// <inheritdoc/>
    public int Workers => _workers?.Count ?? 0;

    /// <summary>The connectors submitted.</summary>
    public ConnectorPlan Plan => _plan;

    /// <inheritdoc/>
    /// <remarks>Workers the harness runs are started; the connectors are submitted in the background (see <see cref="WhenReadyAsync"/>).</remarks>
    public void Start()
    {
        _failure = null;
        _stopped = false;
        _started = true;
        _workers?.StartAll();
        _ready = Task.Run(() => BringUpAsync(_disposing.Token));
        _watch ??= Task.Run(() => WatchAsync(_disposing.Token));
    }

    /// <inheritdoc/>
    public async Task WhenReadyAsync(CancellationToken cancellation) => await _ready.WaitAsync(cancellation).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!_started || _stopped)
        {
            return;
        }

        _stopped = true;
        await DeleteConnectorsAsync().ConfigureAwait(false);
        if (_workers is not null)
        {
            await _workers.StopAllAsync(grace).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Kill() => _workers?.KillAll();

    /// <inheritdoc/>
    public void Pause() => _workers?.PauseAll();

    /// <inheritdoc/>
    public void Resume() => _workers?.ResumeAll();

    /// <inheritdoc/>
    public HarnessException? ExplainExit(int exitCode) =>
        _failure is { } failure && failure.ExitCode == exitCode ? failure
        : _workers is not null && exitCode is 126 or 127
            ? new HarnessException($"the Connect worker script could not be run (exit code {exitCode}: not executable, or its interpreter is missing); see {LogPath}", ExitCodes.Environment)
            : null;

    /// <inheritdoc/>
    public Task RestartConnectorAsync(string role, CancellationToken cancellation) => Call(role, name => _client.RestartAsync(name, cancellation));

    /// <inheritdoc/>
    public Task RestartTaskAsync(string role, int task, CancellationToken cancellation) => Call(role, name => _client.RestartTaskAsync(name, task, cancellation));

    /// <inheritdoc/>
    public Task PauseConnectorAsync(string role, CancellationToken cancellation) => Call(role, name => _client.PauseAsync(name, cancellation));

    /// <inheritdoc/>
    public Task ResumeConnectorAsync(string role, CancellationToken cancellation) => Call(role, name => _client.ResumeAsync(name, cancellation));

    /// <inheritdoc/>
    public void KillWorker(int worker) => (_workers ?? throw new InvalidOperationException("the harness started no Connect workers")).Kill(worker);

    /// <inheritdoc/>
    public void StartWorker(int worker) => (_workers ?? throw new InvalidOperationException("the harness started no Connect workers")).Start(worker);

    /// <inheritdoc/>
    public IReadOnlyList<ConnectorReport> Report(DateTimeOffset runStarted) => _states.Report(runStarted);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _disposing.CancelAsync().ConfigureAwait(false);
        if (_watch is not null)
        {
            await _watch.ConfigureAwait(false);
        }

        try
        {
            await _ready.ConfigureAwait(false);
        }
        catch (Exception e) when (e is HarnessException or OperationCanceledException)
        {
            // Reported when it happened; disposing only cleans up.
        }

        if (_deployed && !_stopped)
        {
            await DeleteConnectorsAsync().ConfigureAwait(false);
        }

        if (_workers is not null)
        {
            await _workers.DisposeAsync().ConfigureAwait(false);
        }

        _client.Dispose();
        _disposing.Dispose();
    }

    private async Task BringUpAsync(CancellationToken cancellation)
    {
        try
        {
            await WaitForRestAsync(cancellation).ConfigureAwait(false);
            if (!_deployed)
            {
                await DeployAsync(cancellation).ConfigureAwait(false);
            }

            await WaitRunningAsync(cancellation).ConfigureAwait(false);
        }
        catch (HarnessException e)
        {
            _failure = e;
            throw;
        }
    }

    private async Task WaitForRestAsync(CancellationToken cancellation)
    {
        var deadline = _workers is null ? ExistingClusterDeadline : StartedWorkersDeadline;
        var started = _time.GetTimestamp();
        while (true)
        {
            try
            {
                await _client.VersionAsync(cancellation).ConfigureAwait(false);
                return;
            }
            catch (ConnectRequestException e) when (e.Status is null or 503)
            {
                if (_workers is { AnyRunning: false } workers)
                {
                    throw new HarnessException($"the Connect worker exited with code {workers.ExitCode} before its REST API at {_client.Url} answered; see {LogPath}", ExitCodes.Environment);
                }

                if (_time.GetElapsedTime(started) >= deadline)
                {
                    throw new HarnessException(
                        $"{e.Message} after {deadline.TotalSeconds:0} s; " + (_workers is null ? "check replicator.url and that Connect runs there" : $"see {LogPath}"),
                        ExitCodes.Environment);
                }
            }
            catch (ConnectRequestException e)
            {
                throw new HarnessException($"{e.Message}: {_client.Url} does not look like Kafka Connect's REST API; check replicator.url", ExitCodes.Environment);
            }

            await Task.Delay(Poll, _time, cancellation).ConfigureAwait(false);
        }
    }

    private async Task DeployAsync(CancellationToken cancellation)
    {
        foreach (var connector in _plan.Connectors)
        {
            var errors = await Request(() => _client.ValidateAsync(connector.Class, connector.Config, cancellation)).ConfigureAwait(false);
            if (errors.Count > 0)
            {
                throw new HarnessException(
                    $"Kafka Connect rejected the config of connector {connector.Name} ({connector.Role}): {string.Join("; ", errors)}; fix replicator.properties or replicator.connectors",
                    ExitCodes.BadInput);
            }
        }

        foreach (var connector in _plan.Connectors)
        {
            await Request(async () =>
            {
                await _client.PutConfigAsync(connector.Name, connector.Config, cancellation).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }

        _deployed = true;
    }

    private async Task WaitRunningAsync(CancellationToken cancellation)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            var statuses = await Request(() => _client.StatusesAsync(cancellation)).ConfigureAwait(false);
            _states.Observe(_time.GetUtcNow(), statuses);
            if (Failure(statuses) is { } failure)
            {
                throw failure;
            }

            var waiting = _plan.Connectors.Where(c => !statuses.TryGetValue(c.Name, out var s) || !s.Running).ToList();
            if (waiting.Count == 0)
            {
                return;
            }

            if (_time.GetElapsedTime(started) >= RunningDeadline)
            {
                var states = waiting.Select(c => statuses.TryGetValue(c.Name, out var s) ? $"{c.Name} {s.State} with tasks [{string.Join(", ", s.Tasks.Select(t => t.State))}]" : $"{c.Name} unknown to Connect");
                throw new HarnessException($"connectors not RUNNING {RunningDeadline.TotalSeconds:0} s after they were submitted: {string.Join("; ", states)}; see {LogPath}", ExitCodes.CheckFailed);
            }

            await Task.Delay(Poll, _time, cancellation).ConfigureAwait(false);
        }
    }

    private async Task WatchAsync(CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_watchEvery, _time, cancellation).ConfigureAwait(false);
                var statuses = await _client.StatusesAsync(cancellation).ConfigureAwait(false);
                _states.Observe(_time.GetUtcNow(), statuses);
                if (!_stopped && _deployed && Failure(statuses) is { } failure)
                {
                    _failure ??= failure;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ConnectRequestException)
            {
                // A worker down (a fault, a restart) answers nothing: its states are unknown, not changed.
            }
        }
    }

    private HarnessException? Failure(IReadOnlyDictionary<string, ConnectorStatus> statuses)
    {
        foreach (var connector in _plan.Connectors)
        {
            if (statuses.TryGetValue(connector.Name, out var status) && status.Failure is { } failure)
            {
                var head = failure.Trace is { } trace ? trace.Split('\n', 2)[0].Trim() : "no trace";
                return new HarnessException($"connector {connector.Name}: {failure.What} FAILED: {head}; the report's Connectors section has the trace", ExitCodes.CheckFailed);
            }
        }

        return null;
    }

    private async Task<T> Request<T>(Func<Task<T>> call)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (ConnectRequestException e) when (e.Status is 503 or 409 && _time.GetElapsedTime(started) < RunningDeadline)
            {
                // A worker still starting answers 503, and one in a rebalance 409 ("cannot complete request momentarily"):
                // both say "again shortly", as Connect's own clients read them.
                await Task.Delay(Poll, _time).ConfigureAwait(false);
            }
            catch (ConnectRequestException e)
            {
                throw new HarnessException(e.Status is null ? $"{e.Message}; check replicator.url" : e.Message, e.Status is null ? ExitCodes.Environment : ExitCodes.BadInput);
            }
        }
    }

    private async Task Call(string role, Func<string, Task> call)
    {
        var connector = _plan.Find(role) ?? throw new InvalidOperationException($"no connector plays {role}; the run has {string.Join(", ", Roles)}");
        try
        {
            await call(connector.Name).ConfigureAwait(false);
        }
        catch (ConnectRequestException e)
        {
            // A fault that cannot be done is recorded as failed, not a crash of the run.
            throw new InvalidOperationException(e.Message, e);
        }
    }

    private async Task DeleteConnectorsAsync()
    {
        _deployed = false;
        foreach (var connector in _plan.Connectors)
        {
            try
            {
                await _client.DeleteAsync(connector.Name, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ConnectRequestException)
            {
                // Nothing answers (the workers are gone) or Connect refused: nothing left to clean up that the harness can.
            }
        }
    }
}
