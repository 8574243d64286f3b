using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Harness.Bench.Support;

namespace Harness.Replicator.Bench;

/// <summary>The benchmark: fill the source, copy it with kcat and with the replicator, report and judge.</summary>
internal static class BenchRun
{
    /// <summary>
    /// The replicator's RSS bound, whatever the input rate (a full backlog is the fastest input there is): 144 MiB of
    /// runtime, internal clients and managed heap plus 32 MiB per task (8 MiB consumer prefetch, 16 MiB producer queue,
    /// 8 MiB for librdkafka's requests in flight and buffers being parsed).
    /// </summary>
    private static long RssBound(int tasks) => (144L + (32L * tasks)) << 20;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var load = MachineLoad.OneMinute();
        using var clusters = await ClusterProcess.StartAsync(options);
        clusters.CreateTopic("source", "bench", options.Partitions);
        Console.Error.WriteLine($"filling the source with {options.Records:N0} records of {options.ValueBytes} bytes...");
        SourceFiller.Fill(clusters.SourceBootstrap, "bench", options);
        var results = new List<Measurement>();
        if (options.Kcat)
        {
            results.Add(Report(Copiers.KcatPipe(clusters, options)));
        }

        foreach (var (tasks, run) in options.Tasks.Select((t, i) => (t, i + 1)))
        {
            results.Add(Report(Copiers.Replicator(clusters, options, tasks, run)));
        }

        var crash = Copiers.KillAndRestart(clusters, options);
        Console.Error.WriteLine($"SIGKILL at {crash.AtKill:N0} records copied, restart: {crash.Duplicates:N0} records copied twice");
        var kcat = results.FirstOrDefault(r => r.Copier.StartsWith("kcat", StringComparison.Ordinal));
        var replicators = results.Where(r => r.PeakRssBytes is not null).ToList();
        var rateMet = kcat is null || replicators.All(r => r.SteadyRate >= kcat.SteadyRate);
        var rssMet = replicators.All(r => r.PeakRssBytes <= RssBound(r.Tasks));
        var markdown = Markdown(options, load, results, kcat, rateMet, rssMet, crash);
        Console.WriteLine(markdown);
        if (options.Markdown is not null)
        {
            await File.AppendAllTextAsync(options.Markdown, "\n" + markdown);
        }

        return rateMet && rssMet ? 0 : 1;
    }

    private static Measurement Report(Measurement m)
    {
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Copier}: {m.SteadyRate:N0} records/s steady, {m.WallRate:N0} records/s with start-up"));
        return m;
    }

    private static string Markdown(BenchOptions options, string load, List<Measurement> results, Measurement? kcat, bool rateMet, bool rssMet, (long Duplicates, long AtKill) crash)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"#### Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n\n");
        text.Append(inv, $"{Environment.ProcessorCount} cores (1-minute load average before the run {load}), {RuntimeInformation.OSDescription}, .NET {Environment.Version}; ");
        text.Append(inv, $"two embedded clusters of {options.Brokers} brokers in one child process, {options.Partitions} partitions, {options.Records:N0} records of {options.ValueBytes}-byte values copied from a full source, loopback, Release build.\n\n");
        text.Append("| copier | records/s (first to last record) | records/s (with start-up) | x kcat pipe | seconds | peak RSS | CPU s |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var m in results)
        {
            var ratio = kcat is null ? "n/a" : (m.SteadyRate / kcat.SteadyRate).ToString("0.00", inv);
            var rss = m.PeakRssBytes is { } peak ? $"{peak >> 20} MiB" : "n/a";
            var cpu = m.CpuSeconds is { } seconds ? seconds.ToString("0.0", inv) : "n/a";
            text.Append(inv, $"| {m.Copier} | {m.SteadyRate:N0} | {m.WallRate:N0} | {ratio} | {m.WallSeconds:0.00} | {rss} | {cpu} |\n");
        }

        text.Append(inv, $"\nSIGKILL of a 1-task replicator after {crash.AtKill:N0} records were in the target, then a restart from its saved progress: {crash.Duplicates:N0} records copied twice (commit interval 1 s; that nothing is lost is checked record by record by the replicator's SIGKILL test).\n");
        text.Append(inv, $"\nTargets: at least 1.0 x the kcat pipe ({(rateMet ? "met" : "not met")}); replicator peak RSS at most 144 MiB + 32 MiB per task ({(rssMet ? "met" : "not met")}).\n");
        return text.ToString();
    }
}
