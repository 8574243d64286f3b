using Harness.Replicator.Configuration;
using Harness.Replicator.Metrics;
using Harness.Replicator.Source;

namespace Harness.Replicator.Connect;

/// <summary>
/// Runs one connector as a built-in flow through <see cref="MirrorReplicator"/>, and reports its state as Connect
/// would. A restart (of the connector or of any of its tasks) stops the flow gracefully and starts it again, so the
/// flow resumes from its saved source offsets.
/// </summary>
internal sealed class ConnectorRunner
{
    private readonly Action<string> _log;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MirrorReplicator? _replicator;
    private MetricsSampler? _sampler;
    private CancellationTokenSource? _stop;
    private Task? _run;
    private volatile Exception? _failure;
    private volatile bool _paused;
    private bool _closed;

    public ConnectorRunner(string name, ConnectorValidation config, bool paused, Action<string> log, TimeProvider time)
    {
        Name = name;
        Validation = config;
        _paused = paused;
        _log = line => log($"connector {name}: {line}");
        _time = time;
    }

    public string Name { get; }

    /// <summary>The running config (valid: it has settings and a kind).</summary>
    public ConnectorValidation Validation { get; private set; }

    public ConnectorKind Kind => Validation.Kind!.Value;

    public ReplicatorSettings Settings => Validation.Settings!;

    /// <summary>Connect's task count: <c>tasks.max</c> for the source connector, one for the others.</summary>
    public int TaskCount => Kind == ConnectorKind.Source ? Settings.TasksMax : 1;

    public bool Paused => _paused;

    public bool Failed => _failure is not null;

    /// <summary>The source partitions each task copies, once planned (source connectors only).</summary>
    public IReadOnlyDictionary<(string Topic, int Partition), int> Assignments => _replicator?.Assignments ?? new Dictionary<(string, int), int>();

    /// <summary>A metrics snapshot of the running flow, or null before it runs.</summary>
    public MetricsSnapshot? SampleMetrics() => _sampler?.Sample();

    public void Start()
    {
        _gate.Wait();
        try
        {
            StartLocked();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the flow gracefully and starts it again, with <paramref name="replacement"/> when given.</summary>
    public async Task RestartAsync(ConnectorValidation? replacement = null)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopLockedAsync().ConfigureAwait(false);
            Validation = replacement ?? Validation;
            StartLocked();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Pauses: a source flow stops reading (MirrorReplicator.Paused, which keeps its positions); a checkpoint or
    /// heartbeat flow, which Paused would not quiet, is stopped until resumed.
    /// </summary>
    public async Task PauseAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _paused = true;
            if (Kind == ConnectorKind.Source && _replicator is { } replicator)
            {
                replicator.Paused = true;
            }
            else
            {
                await StopLockedAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ResumeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _paused = false;
            if (Kind == ConnectorKind.Source && _replicator is { } replicator && _run is { IsCompleted: false })
            {
                replicator.Paused = false;
            }
            else if (_run is null or { IsCompleted: true } && _failure is null)
            {
                StartLocked();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops the flow gracefully (flush, offset syncs, progress) for good: a restart still in flight (one answered 202)
    /// does not start a deleted connector again.
    /// </summary>
    public async Task CloseAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _closed = true;
            await StopLockedAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public ConnectorStatus Status()
    {
        var failure = _failure;
        var replicator = _replicator;
        string state;
        string? trace = null;
        if (failure is not null)
        {
            state = ConnectStates.Failed;
            trace = failure.ToString();
        }
        else if (_paused)
        {
            state = ConnectStates.Paused;
        }
        else if (replicator?.State == ReplicatorState.Running)
        {
            state = ConnectStates.Running;
        }
        else
        {
            state = ConnectStates.Unassigned;
        }

        // The flow is the connector and its tasks at once: they share its state.
        var connectorState = state == ConnectStates.Unassigned && replicator is not null ? ConnectStates.Running : state;
        return new ConnectorStatus(Name, connectorState, trace, Enumerable.Range(0, TaskCount).Select(i => new TaskStatus(i, state, trace)).ToList());
    }

    private void StartLocked()
    {
        _failure = null;
        if (_closed || (_paused && Kind != ConnectorKind.Source))
        {
            return; // deleted, or started on resume
        }

        var replicator = new MirrorReplicator(Settings, _log, _time) { Paused = _paused };
        var stop = new CancellationTokenSource();
        _replicator = replicator;
        _sampler = new MetricsSampler(replicator.Metrics, replicator.Lag);
        _stop = stop;
        _run = Task.Run(async () =>
        {
            try
            {
                await replicator.RunAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Shown as the task's trace, as Connect shows a task's exception.
                _failure = e;
                _log($"failed: {e.GetType().Name}: {e.Message}");
            }
        }, CancellationToken.None);
    }

    private async Task StopLockedAsync()
    {
        if (_stop is null || _run is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
        _stop.Dispose();
        _stop = null;
        _run = null;
    }
}
