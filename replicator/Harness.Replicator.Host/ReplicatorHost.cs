using System.Globalization;
using System.Net;
using Harness.Hosting;
using Harness.Replicator.Configuration;
using Harness.Replicator.Control;
using Harness.Replicator.Metrics;
using Harness.Replicator.Source;

namespace Harness.Replicator.Host;

/// <summary>One run of harness-replicator with parsed options: start, replicate until stopped, map the outcome to an exit code.</summary>
internal static class ReplicatorHost
{
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromSeconds(10);

    public static void Log(string message) => Console.Error.WriteLine($"harness-replicator: {message}");

    /// <summary>Runs until <paramref name="cancellation"/> (SIGTERM/SIGINT) or the parent's exit; returns the exit code.</summary>
    public static async Task<int> RunAsync(HostOptions options, CancellationToken cancellation)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        ReplicatorSettings settings;
        MirrorReplicator replicator;
        try
        {
            if (Harness.RdKafka.LibraryResolver.CheckOverride() is { } libraryError)
            {
                Log(libraryError);
                return 2;
            }

            var warnings = new List<string>();
            settings = ReplicatorSettingsReader.Read(options.LoadProperties(), options.Flow, warnings);
            warnings.ForEach(w => Log($"warning: {w}"));
            replicator = new MirrorReplicator(settings, Log);
            replicator.ValidateClientSettings();
            Directory.CreateDirectory(options.StateDirectory);
        }
        catch (ReplicatorConfigException e)
        {
            Log(e.Message);
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log($"cannot use the state directory: {e.Message}; check --state-dir");
            return 2;
        }

        _ = StopWhenOrphanedAsync(stopping);

        var sampler = new MetricsSampler(replicator.Metrics, replicator.Lag);
        string Prometheus() => PrometheusFormatter.Format(sampler.Latest ?? sampler.Sample(), settings.SourceAlias, settings.TargetAlias);
        var controlPortFile = Path.Combine(options.StateDirectory, "control.port");
        LoopbackListener control;
        LoopbackListener? metricsServer = null;
        try
        {
            control = LoopbackListener.Start(options.ControlPort, new ControlEndpoint(replicator, new HeapBallast(), Prometheus).Handle);
        }
        catch (HttpListenerException e)
        {
            Log($"cannot listen on 127.0.0.1:{options.ControlPort} ({e.Message}); choose another --control-port");
            return 2;
        }

        try
        {
            if (options.MetricsPort > 0)
            {
                metricsServer = LoopbackListener.Start(options.MetricsPort, request => request.Url!.AbsolutePath == "/metrics"
                    ? new HttpReply(200, PrometheusFormatter.ContentType, Prometheus())
                    : HttpReply.Text(404, "see /metrics\n"));
            }
        }
        catch (HttpListenerException e)
        {
            await control.DisposeAsync().ConfigureAwait(false);
            Log($"cannot listen on 127.0.0.1:{options.MetricsPort} ({e.Message}); choose another --metrics-port");
            return 2;
        }

        // Written whole and renamed, so the harness never reads half a port number.
        File.WriteAllText(controlPortFile + ".tmp", control.Port.ToString(CultureInfo.InvariantCulture));
        File.Move(controlPortFile + ".tmp", controlPortFile, overwrite: true);
        Log($"control endpoint at {control.BaseUri} (port in {controlPortFile})");
        if (metricsServer is not null)
        {
            Log($"Prometheus metrics at {metricsServer.BaseUri}metrics");
        }

        if (File.Exists(Path.Combine(options.StateDirectory, "progress.tsv")))
        {
            // Left by a version that kept progress in the working directory; resuming from it is what made a fresh
            // cluster pair copy nothing.
            Log($"ignoring {Path.Combine(options.StateDirectory, "progress.tsv")}: progress is kept in the target's {settings.OffsetStorageTopic}");
        }

        Log($"{settings.SourceAlias}->{settings.TargetAlias} with {settings.TasksMax} task(s), progress in {settings.TargetAlias}'s {settings.OffsetStorageTopic}");
        using var samplingStop = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        var metricsLoop = new MetricsLoop(sampler, options.MetricsFile is null ? null : new MetricsFileWriter(options.MetricsFile), Log);
        var sampling = Task.Run(() => metricsLoop.RunAsync(options.MetricsInterval, replicator.Metrics.Time, samplingStop.Token), CancellationToken.None);

        var exitCode = 0;
        try
        {
            await replicator.RunAsync(stopping.Token).ConfigureAwait(false);
            Log("stopped cleanly");
        }
        catch (ReplicatorConfigException e)
        {
            Log(e.Message);
            exitCode = 2;
        }
        catch (ClusterUnreachableException e)
        {
            Log(e.Message);
            exitCode = 3;
        }
        catch (ReplicationFailedException e)
        {
            Log($"replication failed: {e.Message}");
            exitCode = 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The contract promises an exit code, not a stack trace: anything else that stops the run is a failure.
            Log($"replication failed: {e.GetType().Name}: {e.Message}");
            exitCode = 1;
        }
        finally
        {
            await samplingStop.CancelAsync().ConfigureAwait(false);
            await sampling.ConfigureAwait(false);
            metricsLoop.Write(sampler.Sample());

            await control.DisposeAsync().ConfigureAwait(false);
            if (metricsServer is not null)
            {
                await metricsServer.DisposeAsync().ConfigureAwait(false);
            }

            File.Delete(controlPortFile);
        }

        return exitCode;
    }

    /// <summary>
    /// A harness killed with SIGKILL cannot stop its replicator: stop gracefully when it is gone, and give up after a grace.
    /// </summary>
    internal static async Task StopWhenOrphanedAsync(CancellationTokenSource stopping)
    {
        try
        {
            await ParentWatch.ExitedAsync(Log, stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // stopping anyway
        }

        // The clusters often went with the parent (embedded brokers live in its process), and a graceful stop would then
        // wait out every flush timeout for brokers that will never answer. Progress is only ever saved for acknowledged
        // records, so ending here loses nothing: at worst the next run copies the last commit interval again. The
        // deadline is armed before the stop is requested, on a thread of its own: the stop can run inline in the
        // cancellation's callbacks, flushes and all, and blocking client calls can starve the pool a delay would need.
        new Thread(() =>
        {
            Thread.Sleep(OrphanGrace);
            Log($"not stopped {OrphanGrace.TotalSeconds:0} s after the parent left; exiting");
            Environment.Exit(1);
        })
        { IsBackground = true, Name = "orphan deadline" }.Start();
        await stopping.CancelAsync().ConfigureAwait(false);
    }
}
