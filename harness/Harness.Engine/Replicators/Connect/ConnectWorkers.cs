using Harness.Engine.Security;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Harness.Engine.Replicators.Connect;

/// <summary>
/// The Connect workers the harness starts: <c>bin/connect-distributed.sh worker-N.properties</c>, one process each, in
/// one Connect group whose config, offset and status topics live on the target cluster, each serving REST on its own
/// loopback port. Worker 1 writes to the replicator's log; worker N to <c>replicator-worker-N.log</c>.
/// </summary>
public sealed class ConnectWorkers : IAsyncDisposable
{
    private readonly string _script;
    private readonly IReadOnlyList<ConnectWorkerDefinition> _definitions;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _workingDirectory;
    private readonly ChildProcess?[] _processes;

    private ConnectWorkers(string script, IReadOnlyList<ConnectWorkerDefinition> definitions, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        _script = script;
        _definitions = definitions;
        _environment = environment;
        _workingDirectory = workingDirectory;
        _processes = new ChildProcess?[definitions.Count];
    }

    /// <summary>How many workers there are.</summary>
    public int Count => _definitions.Count;

    /// <summary>Worker 1's REST URL, where the harness talks to the group.</summary>
    public Uri RestUrl => _definitions[0].RestUrl;

    /// <summary>Every worker's REST URL, worker 1 first.</summary>
    public IReadOnlyList<Uri> RestUrls => _definitions.Select(d => d.RestUrl).ToList();

    /// <summary>Whether any worker runs.</summary>
    /// <summary>The workers that run.</summary>
    public IReadOnlyList<int> ProcessIds => [.. _processes.Where(p => p is { HasExited: false }).Select(p => p!.Pid)];

    public bool AnyRunning => _processes.Any(p => p is { HasExited: false });

    /// <summary>The exit code of the worker that ended last, once none runs.</summary>
    public int? ExitCode => AnyRunning ? null : _processes.LastOrDefault(p => p?.ExitCode is not null)?.ExitCode;

    /// <summary>The worker configs in the run folder, with a free loopback port each; nothing started yet.</summary>
    public static ConnectWorkers Create(ReplicatorLaunch launch, string script, int count, string? heapOptions, string group)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var target = launch.Scenario.Clusters.Target.Capabilities.Brokers;
        var factor = Math.Min(3, target ?? 3).ToString(CultureInfo.InvariantCulture);
        var definitions = new List<ConnectWorkerDefinition>();
        for (var i = 1; i <= count; i++)
        {
            var port = FreePort();
            var path = Path.GetFullPath(Path.Combine(launch.RunDirectory, $"connect-worker-{i}.properties"));
            var properties = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["bootstrap.servers"] = launch.Target.Bootstrap,
                ["group.id"] = group,
                ["config.storage.topic"] = group + "-configs",
                ["offset.storage.topic"] = group + "-offsets",
                ["status.storage.topic"] = group + "-status",
                ["config.storage.replication.factor"] = factor,
                ["offset.storage.replication.factor"] = factor,
                ["status.storage.replication.factor"] = factor,
                ["listeners"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                ["rest.advertised.host.name"] = "127.0.0.1",
                ["key.converter"] = ConnectorPlan.ByteArrayConverter,
                ["value.converter"] = ConnectorPlan.ByteArrayConverter,

                // Connect's default is 60 s: a killed worker would copy a minute of records again.
                ["offset.flush.interval.ms"] = "1000",
            };
            // The worker's own clients, and the producer, consumer and admin it gives connectors, reach the target as
            // its security says; secrets are references the worker's config providers resolve from its environment.
            var security = launch.Target.Security.Java();
            foreach (var (key, value) in security)
            {
                properties[key] = value;
                properties["producer." + key] = value;
                properties["consumer." + key] = value;
                properties["admin." + key] = value;
            }

            if (launch.Source.Security.IsSecured || launch.Target.Security.IsSecured)
            {
                foreach (var (key, value) in ClientSecurity.ConfigProviders)
                {
                    properties[key] = value;
                }
            }

            var text = new StringBuilder($"# Written by the harness: Connect worker {i} of {count} for this run (group {group}).\n");
            foreach (var (key, value) in properties)
            {
                text.Append(key).Append('=').Append(value).Append('\n');
            }

            File.WriteAllText(path, text.ToString());
            var log = i == 1 ? launch.LogPath : Path.Combine(Path.GetDirectoryName(launch.LogPath)!, $"replicator-worker-{i}.log");
            definitions.Add(new ConnectWorkerDefinition(path, log, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/")));
        }

        var environment = ReplicatorEnvironment.For(launch);
        if (heapOptions is not null)
        {
            environment["KAFKA_HEAP_OPTS"] = heapOptions;
        }

        return new ConnectWorkers(script, definitions, environment, Path.GetFullPath(launch.RunDirectory));
    }

    /// <summary>Whether worker <paramref name="worker"/> (1-based) runs.</summary>
    public bool IsRunning(int worker) => _processes[Index(worker)] is { HasExited: false };

    /// <summary>Starts every worker that is not running.</summary>
    public void StartAll()
    {
        for (var worker = 1; worker <= Count; worker++)
        {
            Start(worker);
        }
    }

    /// <summary>Starts worker <paramref name="worker"/> (1-based) unless it runs.</summary>
    public void Start(int worker)
    {
        var index = Index(worker);
        if (_processes[index] is { HasExited: false })
        {
            return;
        }

        _processes[index]?.Dispose();
        var definition = _definitions[index];
        _processes[index] = ChildProcess.Start(_script, [definition.ConfigPath], _environment, definition.LogPath, _workingDirectory);
    }

    /// <summary>SIGKILL for worker <paramref name="worker"/> (1-based).</summary>
    public void Kill(int worker) => _processes[Index(worker)]?.KillGroup();

    /// <summary>SIGKILL for every worker.</summary>
    public void KillAll() => Array.ForEach(_processes, p => p?.KillGroup());

    /// <summary>SIGSTOP for every worker.</summary>
    public void PauseAll() => Array.ForEach(_processes, p => p?.Stop());

    /// <summary>SIGCONT for every worker.</summary>
    public void ResumeAll() => Array.ForEach(_processes, p => p?.Continue());

    /// <summary>SIGTERM for every worker, then SIGKILL for those still running after <paramref name="grace"/>.</summary>
    public async Task StopAllAsync(TimeSpan grace)
    {
        var running = _processes.Where(p => p is { HasExited: false }).Select(p => p!).ToList();
        foreach (var process in running)
        {
            process.Continue(); // a paused worker cannot act on SIGTERM
            process.Terminate();
        }

        var exited = await Task.WhenAll(running.Select(p => p.WaitForExitAsync(grace))).ConfigureAwait(false);
        foreach (var (process, _) in running.Zip(exited).Where(x => !x.Second))
        {
            process.KillGroup();
            await process.WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAllAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        Array.ForEach(_processes, p => p?.Dispose());
    }

    private static int FreePort()
    {
        // The port is free when the worker binds it a moment later unless something else takes it first; a worker that
        // cannot bind exits, which the run reports with its log.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private int Index(int worker) =>
        worker >= 1 && worker <= Count ? worker - 1 : throw new ArgumentOutOfRangeException(nameof(worker), worker, $"workers are 1..{Count}");
}
