using System.Diagnostics;
using System.Globalization;
using Harness.Bench.Support;

namespace Harness.Replicator.Bench;

/// <summary>Runs a copier process and times it by watching the target fill up.</summary>
internal static class Copiers
{
    /// <summary>The baseline: kcat reading the source to its end, piped into kcat writing the target.</summary>
    public static Measurement KcatPipe(ClusterProcess clusters, BenchOptions options)
    {
        const string Remote = "kcat.bench";
        clusters.CreateTopic("target", Remote, options.Partitions);
        var command = $"kcat -C -b {clusters.SourceBootstrap} -t bench -o beginning -e -q -f '%s\\n' -X fetch.max.bytes=52428800 "
            + $"| kcat -P -b {clusters.TargetBootstrap} -t {Remote} -X enable.idempotence=true -X acks=all -X linger.ms=5";
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start kcat");
        var errors = process.StandardError.ReadToEndAsync();
        var (first, last) = WatchTarget(clusters, Remote, options, clock, () => process.HasExited && process.ExitCode != 0);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the kcat pipe exited {process.ExitCode}: {errors.Result}");
        }

        return new Measurement("kcat -C \\| kcat -P (acks=all, idempotent)", options.Records, last, last - first, null, null);
    }

    /// <summary>harness-replicator with <paramref name="tasks"/> tasks, started the way the harness starts it.</summary>
    public static Measurement Replicator(ClusterProcess clusters, BenchOptions options, int tasks, int run)
    {
        // An alias per run gives each run its own remote topic (alias.bench) in the one target cluster.
        var alias = $"r{run.ToString(CultureInfo.InvariantCulture)}t{tasks.ToString(CultureInfo.InvariantCulture)}";
        var directory = Path.Combine(Path.GetTempPath(), $"replicator-bench-{Environment.ProcessId}-{alias}");
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "mm2.properties");
        File.WriteAllLines(config,
        [
            $"clusters = {alias}, target",
            $"{alias}.bootstrap.servers = {clusters.SourceBootstrap}",
            $"target.bootstrap.servers = {clusters.TargetBootstrap}",
            $"{alias}->target.enabled = true",
            $"tasks.max = {tasks.ToString(CultureInfo.InvariantCulture)}",
            "topics = bench",
            // The source is filled before the start: its backlog is the volume, no rate sampling needed.
            "harness.tasks.volume.sample.ms = 0",
        ]);
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll"), "--config", config, "--state-dir", Path.Combine(directory, "state"), "--metrics-file", Path.Combine(directory, "metrics.jsonl") })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in options.ReplicatorEnvironment)
        {
            info.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start harness-replicator");
        var errors = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var (first, last) = WatchTarget(clusters, $"{alias}.bench", options, clock, () =>
        {
            peak = Math.Max(peak, ProcessMemory.Read(process.Id).Peak);
            return process.HasExited;
        });
        peak = Math.Max(peak, ProcessMemory.Read(process.Id).Peak);
        var cpu = process.TotalProcessorTime.TotalSeconds;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"harness-replicator exited {process.ExitCode}: {errors.Result}");
        }

        Directory.Delete(directory, recursive: true);
        return new Measurement($"harness-replicator, tasks.max={tasks}", options.Records, last, last - first, peak, cpu, tasks);
    }

    /// <summary>
    /// SIGKILL mid-copy, then a restart from the saved progress: the records copied twice are the at-least-once
    /// cost of a crash, bounded by what was acknowledged since the last save (offset.flush.interval.ms, 1 s).
    /// </summary>
    public static (long Duplicates, long AtKill) KillAndRestart(ClusterProcess clusters, BenchOptions options)
    {
        const string Alias = "crash";
        var directory = Path.Combine(Path.GetTempPath(), $"replicator-bench-{Environment.ProcessId}-{Alias}");
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "mm2.properties");
        File.WriteAllLines(config,
        [
            $"clusters = {Alias}, target", $"{Alias}.bootstrap.servers = {clusters.SourceBootstrap}", $"target.bootstrap.servers = {clusters.TargetBootstrap}",
            $"{Alias}->target.enabled = true", "topics = bench",
        ]);
        var state = Path.Combine(directory, "state");
        Process Start()
        {
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll"), "--config", config, "--state-dir", state })
            {
                info.ArgumentList.Add(argument);
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start harness-replicator");
            _ = process.StandardError.ReadToEndAsync();
            return process;
        }

        var remote = $"{Alias}.bench";
        using (var first = Start())
        {
            while (clusters.Count("target", remote, options.Partitions) < options.Records * 2 / 5)
            {
                Thread.Sleep(5);
            }

            first.Kill();
            first.WaitForExit();
        }

        var atKill = clusters.Count("target", remote, options.Partitions);
        using var second = Start();
        using var http = new System.Net.Http.HttpClient();
        var portFile = Path.Combine(state, "control.port");
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
            if (!File.Exists(portFile))
            {
                continue;
            }

            try
            {
                var status = System.Text.Json.JsonDocument.Parse(http.GetStringAsync(new Uri($"http://127.0.0.1:{File.ReadAllText(portFile).Trim()}/status")).Result).RootElement;
                if (status.GetProperty("lag").ValueKind == System.Text.Json.JsonValueKind.Number && status.GetProperty("lag").GetInt64() == 0
                    && clusters.Count("target", remote, options.Partitions) >= options.Records)
                {
                    break;
                }
            }
            catch (AggregateException)
            {
                // Not listening yet.
            }
        }

        using (var kill = Process.Start("kill", ["-TERM", second.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        second.WaitForExit();
        Directory.Delete(directory, recursive: true);
        return (clusters.Count("target", remote, options.Partitions) - options.Records, atKill);
    }

    private static (double First, double Last) WatchTarget(ClusterProcess clusters, string topic, BenchOptions options, Stopwatch clock, Func<bool> failed)
    {
        double? first = null;
        var deadline = TimeSpan.FromMinutes(5);
        while (clock.Elapsed < deadline)
        {
            var count = clusters.Count("target", topic, options.Partitions);
            if (count > 0 && first is null)
            {
                first = clock.Elapsed.TotalSeconds;
            }

            if (count >= options.Records)
            {
                return (first ?? 0, clock.Elapsed.TotalSeconds);
            }

            if (failed())
            {
                throw new InvalidOperationException($"the copier into {topic} stopped at {count} records");
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException($"{topic} did not fill within {deadline}");
    }
}
