using System.Globalization;
using Harness.Replicator.Metrics;

namespace Harness.Replicator.Connect;

/// <summary>
/// The stand-in's herder: the connectors of this worker, each run as a built-in flow (see <see cref="ConnectorRunner"/>),
/// kept in <see cref="IConnectorConfigStore"/> so a worker started again runs them again. One worker per Connect group:
/// nothing is spread over several workers.
/// </summary>
public sealed class ConnectWorker : IAsyncDisposable
{
    private readonly IConnectorConfigStore _store;
    private readonly Action<string> _log;
    private readonly TimeProvider _time;
    private readonly bool _checkClients;
    private readonly Dictionary<string, ConnectorRunner> _connectors = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly SemaphoreSlim _changes = new(1, 1);

    /// <summary>Creates a worker with no connectors running; <see cref="StartStored"/> starts the stored ones.</summary>
    /// <param name="config">The worker's settings.</param>
    /// <param name="store">Where connectors are kept.</param>
    /// <param name="workerId">The id shown in statuses, <c>127.0.0.1:PORT</c>.</param>
    /// <param name="log">Receives one line per event.</param>
    /// <param name="time">The flows' clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="checkClients">Whether validation has librdkafka check client settings (off in routing tests).</param>
    public ConnectWorker(ConnectWorkerConfig config, IConnectorConfigStore store, string workerId, Action<string> log, TimeProvider? time = null, bool checkClients = true)
    {
        Config = config;
        _store = store;
        WorkerId = workerId;
        _log = log;
        _time = time ?? TimeProvider.System;
        _checkClients = checkClients;
    }

    /// <summary>The worker's settings.</summary>
    public ConnectWorkerConfig Config { get; }

    /// <summary>The id shown as <c>worker_id</c>.</summary>
    public string WorkerId { get; }

    /// <summary>Runs every stored connector again, paused ones paused.</summary>
    public void StartStored()
    {
        foreach (var stored in _store.Load())
        {
            var validation = Validate(stored.Config);
            if (!validation.IsValid)
            {
                _log($"stored connector {stored.Name} is not valid any more and is not run: {validation.RejectionMessage().ReplaceLineEndings(" ")}");
                continue;
            }

            var runner = new ConnectorRunner(stored.Name, validation, stored.Paused, _log, _time);
            lock (_connectors)
            {
                _connectors[stored.Name] = runner;
                _order.Add(stored.Name);
            }

            runner.Start();
            _log($"connector {stored.Name} ({validation.ConnectorClass}) started again from {Config.ConfigTopic}{(stored.Paused ? ", paused" : "")}");
        }
    }

    /// <summary>The names of the connectors, in creation order.</summary>
    public IReadOnlyList<string> Names()
    {
        lock (_connectors)
        {
            return [.. _order];
        }
    }

    /// <summary>Validates a connector config as <c>PUT /connector-plugins/{class}/config/validate</c> does.</summary>
    public ConnectorValidation Validate(IReadOnlyDictionary<string, string> config) => ConnectorConfigTranslator.Validate(config, Config, _checkClients);

    /// <summary>A connector's config and tasks.</summary>
    /// <exception cref="ConnectRestException">404: no such connector.</exception>
    public ConnectorInfo Info(string name)
    {
        var runner = Runner(name);
        return new ConnectorInfo(name, runner.Validation.Config, runner.TaskCount);
    }

    /// <summary>A connector's status.</summary>
    /// <exception cref="ConnectRestException">404: no such connector.</exception>
    public ConnectorStatus Status(string name) => Runner(name).Status();

    /// <summary>Each task's config: the connector's, with the task class and, for a source task, its partitions.</summary>
    /// <exception cref="ConnectRestException">404: no such connector.</exception>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(string name)
    {
        var runner = Runner(name);
        var assignments = runner.Assignments;
        return Enumerable.Range(0, runner.TaskCount).Select(task =>
        {
            var config = new Dictionary<string, string>(runner.Validation.Config, StringComparer.Ordinal)
            {
                ["task.class"] = MirrorConnectorPlugins.TaskClass(runner.Kind),
            };
            if (runner.Kind == ConnectorKind.Source)
            {
                config["task.assigned.partitions"] = string.Join(',', assignments.Where(a => a.Value == task).OrderBy(a => a.Key)
                    .Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Key.Topic}-{a.Key.Partition}")));
            }

            return (IReadOnlyDictionary<string, string>)config;
        }).ToList();
    }

    /// <summary>Creates and starts a connector.</summary>
    /// <exception cref="ConnectRestException">409: the name exists; 400: the config fails validation.</exception>
    public async Task<ConnectorInfo> CreateAsync(string name, IReadOnlyDictionary<string, string> config)
    {
        await _changes.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (_connectors)
            {
                if (_connectors.ContainsKey(name))
                {
                    throw new ConnectRestException(409, $"Connector {name} already exists");
                }
            }

            var validation = ValidOrThrow(name, config);
            _store.PutConfig(name, validation.Config);
            var runner = new ConnectorRunner(name, validation, paused: false, _log, _time);
            lock (_connectors)
            {
                _connectors[name] = runner;
                _order.Add(name);
            }

            runner.Start();
            _log($"connector {name} ({validation.ConnectorClass}) created");
            return new ConnectorInfo(name, validation.Config, runner.TaskCount);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Creates a connector or replaces its config, restarting it; <c>Created</c> says which.</summary>
    /// <exception cref="ConnectRestException">400: the config fails validation.</exception>
    public async Task<(ConnectorInfo Info, bool Created)> PutConfigAsync(string name, IReadOnlyDictionary<string, string> config)
    {
        ConnectorRunner? existing;
        lock (_connectors)
        {
            _connectors.TryGetValue(name, out existing);
        }

        if (existing is null)
        {
            try
            {
                return (await CreateAsync(name, config).ConfigureAwait(false), true);
            }
            catch (ConnectRestException e) when (e.Status == 409)
            {
                // Created by a concurrent request in between: update it as Connect would.
                return await PutConfigAsync(name, config).ConfigureAwait(false);
            }
        }

        await _changes.WaitAsync().ConfigureAwait(false);
        try
        {
            var validation = ValidOrThrow(name, config);
            _store.PutConfig(name, validation.Config);
            await existing.RestartAsync(validation).ConfigureAwait(false);
            _log($"connector {name} reconfigured and restarted");
            return (new ConnectorInfo(name, validation.Config, existing.TaskCount), false);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Stops a connector and removes it from the store.</summary>
    /// <exception cref="ConnectRestException">404: no such connector.</exception>
    public async Task DeleteAsync(string name)
    {
        await _changes.WaitAsync().ConfigureAwait(false);
        try
        {
            var runner = Runner(name);
            _store.Delete(name);
            lock (_connectors)
            {
                _connectors.Remove(name);
                _order.Remove(name);
            }

            await runner.CloseAsync().ConfigureAwait(false);
            _log($"connector {name} deleted");
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Pauses or resumes a connector, storing the state so a restarted worker keeps it.</summary>
    /// <exception cref="ConnectRestException">404: no such connector.</exception>
    public async Task SetPausedAsync(string name, bool paused)
    {
        await _changes.WaitAsync().ConfigureAwait(false);
        try
        {
            var runner = Runner(name);
            _store.PutPaused(name, paused);
            await (paused ? runner.PauseAsync() : runner.ResumeAsync()).ConfigureAwait(false);
            _log($"connector {name} {(paused ? "paused" : "resumed")}");
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>
    /// Restarts a connector's flow. Without <paramref name="includeTasks"/> and <paramref name="onlyFailed"/> it waits
    /// for the restart and returns null (Connect's 204); otherwise it returns at once with the connector's status, the
    /// instances being restarted shown as RESTARTING (Connect's 202), and restarts in the background.
    /// </summary>
    /// <exception cref="ConnectRestException">404: no such connector.</exception>
    public async Task<ConnectorStatus?> RestartAsync(string name, bool includeTasks, bool onlyFailed)
    {
        var runner = Runner(name);
        if (!includeTasks && !onlyFailed)
        {
            await RestartFlowAsync(runner).ConfigureAwait(false);
            return null;
        }

        var status = runner.Status();
        var connector = !onlyFailed || status.State == ConnectStates.Failed;
        var tasks = status.Tasks.Select(t => includeTasks && (!onlyFailed || t.State == ConnectStates.Failed)).ToList();
        if (!connector && !tasks.Contains(true))
        {
            return status;
        }

        _ = Task.Run(() => RestartFlowAsync(runner));
        return status with
        {
            State = connector ? ConnectStates.Restarting : status.State,
            Tasks = status.Tasks.Select((t, i) => tasks[i] ? t with { State = ConnectStates.Restarting, Trace = null } : t).ToList(),
        };
    }

    /// <summary>Restarts one task: the stand-in restarts the connector's whole flow.</summary>
    /// <exception cref="ConnectRestException">404: no such connector or task.</exception>
    public async Task RestartTaskAsync(string name, int task)
    {
        var runner = Runner(name);
        if (task < 0 || task >= runner.TaskCount)
        {
            throw new ConnectRestException(404, string.Create(CultureInfo.InvariantCulture, $"Unknown task: {name}-{task}"));
        }

        await RestartFlowAsync(runner).ConfigureAwait(false);
    }

    /// <summary>Every running connector's metrics on one Prometheus page, a <c>connector</c> label apart.</summary>
    public string PrometheusMetrics()
    {
        List<ConnectorRunner> runners;
        lock (_connectors)
        {
            runners = [.. _order.Select(n => _connectors[n])];
        }

        var flows = runners.Select(r => (Runner: r, Snapshot: r.SampleMetrics()))
            .Where(f => f.Snapshot is not null)
            .Select(f => (f.Snapshot!, f.Runner.Settings.SourceAlias, f.Runner.Settings.TargetAlias, (string?)f.Runner.Name))
            .ToList();
        return PrometheusFormatter.Format(flows);
    }

    /// <summary>Stops every connector gracefully (flush, offset syncs, progress), side by side.</summary>
    public async ValueTask DisposeAsync()
    {
        List<ConnectorRunner> runners;
        lock (_connectors)
        {
            runners = [.. _connectors.Values];
        }

        await Task.WhenAll(runners.Select(r => r.CloseAsync())).ConfigureAwait(false);
        _changes.Dispose();
    }

    private async Task RestartFlowAsync(ConnectorRunner runner)
    {
        await runner.RestartAsync().ConfigureAwait(false);
        _log($"connector {runner.Name} restarted");
    }

    private ConnectorValidation ValidOrThrow(string name, IReadOnlyDictionary<string, string> config)
    {
        var withName = new Dictionary<string, string>(config, StringComparer.Ordinal) { ["name"] = name };
        var validation = Validate(withName);
        if (!validation.IsValid)
        {
            throw new ConnectRestException(400, validation.RejectionMessage());
        }

        validation.Warnings.ToList().ForEach(w => _log($"connector {name}: warning: {w}"));
        return validation;
    }

    private ConnectorRunner Runner(string name)
    {
        lock (_connectors)
        {
            return _connectors.TryGetValue(name, out var runner) ? runner : throw ConnectRestException.ConnectorNotFound(name);
        }
    }
}
