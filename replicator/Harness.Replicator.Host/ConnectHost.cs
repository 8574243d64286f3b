using System.Globalization;
using System.Net;
using Confluent.Kafka;
using Harness.Replicator.Configuration;
using Harness.Replicator.Connect;
using Harness.Replicator.Control;
using Harness.Replicator.Metrics;
using Harness.Replicator.Source;

namespace Harness.Replicator.Host;

/// <summary>One run of <c>harness-replicator connect</c>: a Connect REST stand-in worker until SIGTERM, SIGINT or the parent's exit.</summary>
internal static class ConnectHost
{
    private static readonly TimeSpan ReachTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Runs the worker; returns the exit code (0 stopped cleanly, 2 bad input, 3 the worker's cluster is unreachable).</summary>
    public static async Task<int> RunAsync(ConnectOptions options, CancellationToken cancellation)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        ConnectWorkerConfig config;
        try
        {
            if (Harness.RdKafka.LibraryResolver.CheckOverride() is { } libraryError)
            {
                ReplicatorHost.Log(libraryError);
                return 2;
            }

            var warnings = new List<string>();
            config = ConnectWorkerConfigReader.Read(LoadProperties(options.WorkerConfigFile), options.BootstrapServers, warnings);
            config = options.Port is { } port ? config with { Port = port } : config;
            warnings.ForEach(w => ReplicatorHost.Log($"warning: {w}"));
            if (options.StateDirectory is not null)
            {
                Directory.CreateDirectory(options.StateDirectory);
            }
        }
        catch (ReplicatorConfigException e)
        {
            ReplicatorHost.Log(e.Message);
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ReplicatorHost.Log($"cannot use the state directory: {e.Message}; check --state-dir");
            return 2;
        }

        _ = ReplicatorHost.StopWhenOrphanedAsync(stopping);
        string clusterId;
        try
        {
            clusterId = await ConnectInternalTopics.EnsureAsync(config, ReachTimeout, stopping.Token).ConfigureAwait(false);
        }
        catch (ClusterUnreachableException e)
        {
            ReplicatorHost.Log(e.Message);
            return 3;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        // The listener comes first, as its port is the worker's id; until the worker is ready it answers 503.
        ConnectRestApi? api = null;
        LoopbackListener rest;
        try
        {
            rest = LoopbackListener.Start(config.Port, request => Volatile.Read(ref api)?.Handle(request)
                ?? HttpReply.Json(503, "{\"error_code\":503,\"message\":\"the worker is starting\"}"));
        }
        catch (HttpListenerException e)
        {
            ReplicatorHost.Log($"cannot listen on 127.0.0.1:{config.Port} ({e.Message}); choose another --port or listeners");
            return 2;
        }

        var workerId = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{rest.Port}");
        await using var presence = new WorkerPresence(config, workerId);
        LoopbackListener? metricsServer = null;
        ConnectWorker? worker = null;
        KafkaConnectorConfigStore? store = null;
        var portFile = options.StateDirectory is null ? null : Path.Combine(options.StateDirectory, "rest.port");
        try
        {
            try
            {
                if (presence.OtherLiveWorker(stopping.Token) is { } other)
                {
                    ReplicatorHost.Log($"worker {other} of Connect group '{config.GroupId}' is live (see {config.StatusTopic}): the stand-in runs one worker per Connect group");
                    return 2;
                }

                presence.Start();
                store = new KafkaConnectorConfigStore(config.BootstrapServers, config.ConfigTopic, clientSettings: config.ClientSettings);
                worker = new ConnectWorker(config, store, workerId, ReplicatorHost.Log);
                worker.StartStored();
            }
            catch (KafkaException e)
            {
                ReplicatorHost.Log($"cannot read the worker's topics on {config.BootstrapServers}: {e.Message}");
                return 3;
            }

            Volatile.Write(ref api, new ConnectRestApi(worker, clusterId));
            if (options.MetricsPort > 0)
            {
                try
                {
                    var serving = worker;
                    metricsServer = LoopbackListener.Start(options.MetricsPort, request => request.Url!.AbsolutePath == "/metrics"
                        ? new HttpReply(200, PrometheusFormatter.ContentType, serving.PrometheusMetrics())
                        : HttpReply.Text(404, "see /metrics\n"));
                    ReplicatorHost.Log($"Prometheus metrics at {metricsServer.BaseUri}metrics");
                }
                catch (HttpListenerException e)
                {
                    ReplicatorHost.Log($"cannot listen on 127.0.0.1:{options.MetricsPort} ({e.Message}); choose another --metrics-port");
                    return 2;
                }
            }

            // Said before the port file appears, so whoever waits for the file finds the line already written.
            ReplicatorHost.Log($"Connect REST stand-in at {rest.BaseUri}");
            if (portFile is not null)
            {
                // Written whole and renamed, so nobody reads half a port number.
                File.WriteAllText(portFile + ".tmp", rest.Port.ToString(CultureInfo.InvariantCulture));
                File.Move(portFile + ".tmp", portFile, overwrite: true);
            }
            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM, SIGINT or the parent's exit: stop every flow gracefully.
            }

            return 0;
        }
        finally
        {
            await rest.DisposeAsync().ConfigureAwait(false);
            if (metricsServer is not null)
            {
                await metricsServer.DisposeAsync().ConfigureAwait(false);
            }

            if (worker is not null)
            {
                await worker.DisposeAsync().ConfigureAwait(false);
                ReplicatorHost.Log("stopped cleanly");
            }

            store?.Dispose();
            if (portFile is not null)
            {
                File.Delete(portFile);
            }
        }
    }

    private static IReadOnlyDictionary<string, (string Value, int Line)> LoadProperties(string? file)
    {
        if (file is null)
        {
            return new Dictionary<string, (string Value, int Line)>();
        }

        return File.Exists(file) ? JavaProperties.Parse(File.ReadAllText(file))
            : throw new ReplicatorConfigException($"worker config '{file}' does not exist");
    }
}
